import type { DataSource } from 'typeorm';
import type { Aggregate } from '@cio/contracts';
import { isoText } from './initiative-queries';

export interface SeriesQuery {
  initiativeId: string;
  kpi: string;
  aggregate: Aggregate;
  from: string;
  to: string;
  /** At most this many buckets. */
  points: number;
}

export interface SeriesPoint {
  /** The start of the bucket. */
  at: string;
  value: number;
  samples: number;
}

export interface KpiSeries {
  aggregate: Aggregate;
  from: string;
  to: string;
  bucketMs: number;
  points: SeriesPoint[];
}

/** The KPI's own aggregate over each bucket, as its evaluations compute it over a window. */
const AGGREGATE_SQL: Record<Aggregate, string> = {
  mean: 'avg(value)',
  // A rate KPI records 1 for an event and 0 otherwise: its rate is the mean.
  rate: 'avg(value)',
  median: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY value)',
  p90: 'percentile_cont(0.9) WITHIN GROUP (ORDER BY value)',
  p95: 'percentile_cont(0.95) WITHIN GROUP (ORDER BY value)',
  last: '(array_agg(value ORDER BY observed_at DESC, id DESC))[1]',
};

/**
 * A KPI's samples over [from, to) in at most `points` equal buckets, each with the KPI's
 * aggregate and its sample count, in one query; empty buckets are left out. Each bucket is one
 * range of the samples' window index, which carries their values (no table reads), except for a
 * `last` KPI, whose tie-break on the row id reads the table; JIT compilation, which would cost
 * more than the query, is off for it.
 */
export async function kpiSeries(db: DataSource, query: SeriesQuery): Promise<KpiSeries> {
  const span = Math.max(1, Date.parse(query.to) - Date.parse(query.from));
  const bucketMs = Math.max(1, Math.ceil(span / query.points));
  const rows = await db.transaction(async (tx) => {
    await tx.query('SET LOCAL jit = off');
    return (await tx.query(
      `SELECT ${isoText('b.at')} AS at, s.value, s.samples
         FROM generate_series($3::timestamptz, $4::timestamptz - interval '1 microsecond',
                              $5::float8 * interval '1 millisecond') AS b(at)
        CROSS JOIN LATERAL (
              SELECT ${AGGREGATE_SQL[query.aggregate]} AS value, count(*)::int AS samples
                FROM measurements
               WHERE initiative_id = $1 AND kpi = $2
                 AND observed_at >= b.at AND observed_at < LEAST(b.at + $5::float8 * interval '1 millisecond', $4::timestamptz)
             ) s
        WHERE s.samples > 0
        ORDER BY b.at`,
      [query.initiativeId, query.kpi, query.from, query.to, bucketMs],
    )) as { at: string; value: number; samples: number }[];
  });
  return {
    aggregate: query.aggregate,
    from: query.from,
    to: query.to,
    bucketMs,
    points: rows.map((r) => ({ at: r.at, value: Number(r.value), samples: r.samples })),
  };
}
