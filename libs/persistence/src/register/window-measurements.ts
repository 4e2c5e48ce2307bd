import type { DataSource, EntityManager } from 'typeorm';

/** Every aggregate a KPI's window may be judged by, from one pass over its samples. */
export interface WindowAggregates {
  kpi: string;
  samples: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  last: number | null;
}

export interface SampleWindow {
  from: string;
  to: string;
}

/** Both windows of one KPI, labelled: `cur` is the window under evaluation. */
const bothWindows = `
  SELECT id, value, (observed_at >= $3 AND observed_at < $4) AS cur
    FROM measurements
   WHERE initiative_id = $1 AND kpi = $2
     AND ((observed_at >= $3 AND observed_at < $4) OR (observed_at >= $5 AND observed_at < $6))`;

/**
 * Reads inside one READ COMMITTED transaction whose statements may run for `statementTimeout`
 * (ranking a million samples can outlast the pool's default).
 */
export async function inMeasurementRead<T>(
  db: DataSource,
  statementTimeout: string,
  read: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return db.transaction('READ COMMITTED', async (tx) => {
    await tx.query(`SET LOCAL statement_timeout = '${statementTimeout.replace(/[^0-9a-z]/gi, '')}'`);
    return read(tx);
  });
}

/** The aggregates of each KPI over [from, to), in one query (PostgreSQL does the work). */
export async function windowAggregates(
  tx: EntityManager,
  query: { initiativeId: string; kpis: readonly string[] } & SampleWindow,
): Promise<WindowAggregates[]> {
  return tx.query(
    `SELECT kpi,
            count(*)::int AS samples,
            avg(value) AS mean,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95,
            (array_agg(value ORDER BY observed_at DESC, id DESC))[1] AS last
       FROM measurements
      WHERE initiative_id = $1 AND kpi = ANY($2) AND observed_at >= $3 AND observed_at < $4
      GROUP BY kpi`,
    [query.initiativeId, query.kpis, query.from, query.to],
  );
}

export interface TwoWindows {
  initiativeId: string;
  kpi: string;
  current: SampleWindow;
  baseline: SampleWindow;
}

const paramsOf = (w: TwoWindows) => [
  w.initiativeId,
  w.kpi,
  w.current.from,
  w.current.to,
  w.baseline.from,
  w.baseline.to,
];

/** Count, mean and sample variance of both windows (Welch's t-test needs no more). */
export async function windowMoments(tx: EntityManager, w: TwoWindows) {
  const [row]: {
    n_cur: number;
    mean_cur: number | null;
    var_cur: number | null;
    n_base: number;
    mean_base: number | null;
    var_base: number | null;
  }[] = await tx.query(
    `WITH s AS (${bothWindows})
     SELECT count(*) FILTER (WHERE cur)::int AS n_cur, avg(value) FILTER (WHERE cur) AS mean_cur,
            var_samp(value) FILTER (WHERE cur) AS var_cur,
            count(*) FILTER (WHERE NOT cur)::int AS n_base, avg(value) FILTER (WHERE NOT cur) AS mean_base,
            var_samp(value) FILTER (WHERE NOT cur) AS var_base
       FROM s`,
    paramsOf(w),
  );
  return row;
}

/** Sample counts, the current window's midrank sum and the ties term (Mann–Whitney U). */
export async function windowRanks(tx: EntityManager, w: TwoWindows) {
  const [row]: { n_cur: number; n_base: number; rank_sum_cur: number | null; tie_term: number | null }[] =
    await tx.query(
      `WITH s AS (${bothWindows}),
            r AS (SELECT cur, rank() OVER (ORDER BY value) + (count(*) OVER (PARTITION BY value) - 1) / 2.0 AS midrank
                    FROM s)
       SELECT (SELECT count(*) FILTER (WHERE cur) FROM s)::int AS n_cur,
              (SELECT count(*) FILTER (WHERE NOT cur) FROM s)::int AS n_base,
              (SELECT sum(midrank) FILTER (WHERE cur) FROM r)::float8 AS rank_sum_cur,
              (SELECT sum(t * t * t - t) FROM (SELECT count(*)::float8 AS t FROM s GROUP BY value) g) AS tie_term`,
      paramsOf(w),
    );
  return row;
}

/** Every `keepEvery`-th sample of each window by a hash of its id: a reproducible subsample. */
export async function hashedSubsamples(
  tx: EntityManager,
  w: TwoWindows,
  keepEvery: { current: number; baseline: number },
): Promise<{ cur: number[] | null; base: number[] | null } | undefined> {
  const [sample]: { cur: number[] | null; base: number[] | null }[] = await tx.query(
    `WITH s AS (${bothWindows})
     SELECT array_agg(value) FILTER (WHERE cur AND abs(hashint8(id)) % $7 = 0) AS cur,
            array_agg(value) FILTER (WHERE NOT cur AND abs(hashint8(id)) % $8 = 0) AS base
       FROM s`,
    [...paramsOf(w), keepEvery.current, keepEvery.baseline],
  );
  return sample;
}
