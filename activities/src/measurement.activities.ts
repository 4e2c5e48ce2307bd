import type { DataSource, EntityManager } from 'typeorm';
import type { Aggregate, KpiComparison } from '@cio/contracts';
import {
  bootstrapDifferenceCi,
  changeAgainstBaseline,
  mannWhitneyFromRanks,
  welchTest,
} from '@cio/domain/statistics';
import type { KpiMeasurement, MeasureKpisInput } from './activity-contracts';
import { classifyDatabaseError } from './register-errors';

/** Confidence level of every interval the register reports. */
export const CONFIDENCE = 0.95;
/** Quantile CIs bootstrap at most this many samples per window (a hashed, reproducible subsample). */
export const BOOTSTRAP_MAX_SAMPLES = 10_000;
export const BOOTSTRAP_RESAMPLES = 2_000;
const MEASUREMENT_STATEMENT_TIMEOUT = '110s';

interface WindowAggregates {
  kpi: string;
  samples: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  last: number | null;
}

type Window = { from: string; to: string };

/** FNV-1a: a stable bootstrap seed per initiative, KPI and window, so a retry reports the same CI. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * KPI measurement for the workflow: one aggregate query per window (PostgreSQL does the work, the
 * samples never enter workflow history), and against a baseline window a test and an interval.
 */
export function createMeasurementActivities(deps: { dataSource: DataSource }) {
  /** Both windows of one KPI, labelled: `cur` is the window under evaluation. */
  const bothWindows = `
    SELECT id, value, (observed_at >= $3 AND observed_at < $4) AS cur
      FROM measurements
     WHERE initiative_id = $1 AND kpi = $2
       AND ((observed_at >= $3 AND observed_at < $4) OR (observed_at >= $5 AND observed_at < $6))`;

  async function welch(
    db: EntityManager,
    initiativeId: string,
    kpi: string,
    current: Window,
    baseline: Window,
  ) {
    const [row]: {
      n_cur: number;
      mean_cur: number | null;
      var_cur: number | null;
      n_base: number;
      mean_base: number | null;
      var_base: number | null;
    }[] = await db.query(
      `WITH s AS (${bothWindows})
       SELECT count(*) FILTER (WHERE cur)::int AS n_cur, avg(value) FILTER (WHERE cur) AS mean_cur,
              var_samp(value) FILTER (WHERE cur) AS var_cur,
              count(*) FILTER (WHERE NOT cur)::int AS n_base, avg(value) FILTER (WHERE NOT cur) AS mean_base,
              var_samp(value) FILTER (WHERE NOT cur) AS var_base
         FROM s`,
      [initiativeId, kpi, current.from, current.to, baseline.from, baseline.to],
    );
    if (!row || row.n_cur < 2 || row.n_base < 2) return { pValue: null, ci: null };
    const result = welchTest(
      { n: row.n_base, mean: Number(row.mean_base), variance: Number(row.var_base) },
      { n: row.n_cur, mean: Number(row.mean_cur), variance: Number(row.var_cur) },
      CONFIDENCE,
    );
    return { pValue: result.pValue, ci: result.ci };
  }

  /** Mann–Whitney U from midranks computed in SQL, and a bootstrap CI on a bounded subsample. */
  async function ranks(
    db: EntityManager,
    initiativeId: string,
    kpi: string,
    aggregate: 'median' | 'p90' | 'p95',
    current: Window,
    baseline: Window,
  ) {
    const params = [initiativeId, kpi, current.from, current.to, baseline.from, baseline.to];
    const [row]: { n_cur: number; n_base: number; rank_sum_cur: number | null; tie_term: number | null }[] =
      await db.query(
        `WITH s AS (${bothWindows}),
              r AS (SELECT cur, rank() OVER (ORDER BY value) + (count(*) OVER (PARTITION BY value) - 1) / 2.0 AS midrank
                      FROM s)
         SELECT (SELECT count(*) FILTER (WHERE cur) FROM s)::int AS n_cur,
                (SELECT count(*) FILTER (WHERE NOT cur) FROM s)::int AS n_base,
                (SELECT sum(midrank) FILTER (WHERE cur) FROM r)::float8 AS rank_sum_cur,
                (SELECT sum(t * t * t - t) FROM (SELECT count(*)::float8 AS t FROM s GROUP BY value) g) AS tie_term`,
        params,
      );
    if (!row || row.n_cur < 2 || row.n_base < 2) return { pValue: null, ci: null };
    const test = mannWhitneyFromRanks({
      n1: row.n_cur,
      n2: row.n_base,
      rankSum1: Number(row.rank_sum_cur),
      tieTerm: Number(row.tie_term ?? 0),
    });
    const keepEvery = (n: number) => Math.max(1, Math.ceil(n / BOOTSTRAP_MAX_SAMPLES));
    const [sample]: { cur: number[] | null; base: number[] | null }[] = await db.query(
      `WITH s AS (${bothWindows})
       SELECT array_agg(value) FILTER (WHERE cur AND abs(hashint8(id)) % $7 = 0) AS cur,
              array_agg(value) FILTER (WHERE NOT cur AND abs(hashint8(id)) % $8 = 0) AS base
         FROM s`,
      [...params, keepEvery(row.n_cur), keepEvery(row.n_base)],
    );
    const ci =
      sample?.cur && sample.base && sample.cur.length >= 2 && sample.base.length >= 2
        ? bootstrapDifferenceCi(sample.base, sample.cur, aggregate, {
            resamples: BOOTSTRAP_RESAMPLES,
            confidence: CONFIDENCE,
            seed: seedOf(`${initiativeId}|${kpi}|${current.from}`),
          })
        : null;
    return { pValue: test.pValue, ci };
  }

  async function compare(
    db: EntityManager,
    initiativeId: string,
    kpi: { name: string; aggregate: Aggregate; baseline: Window & { value: number } },
    observed: number,
    current: Window,
  ): Promise<KpiComparison> {
    const change = changeAgainstBaseline(kpi.baseline.value, observed);
    const base = { changeAbsolute: change.absolute, changePercent: change.percent, confidence: CONFIDENCE };
    switch (kpi.aggregate) {
      case 'mean':
      case 'rate':
        return {
          ...base,
          test: 'welch-t',
          ...(await welch(db, initiativeId, kpi.name, current, kpi.baseline)),
        };
      case 'median':
      case 'p90':
      case 'p95':
        return {
          ...base,
          test: 'mann-whitney-u',
          ...(await ranks(db, initiativeId, kpi.name, kpi.aggregate, current, kpi.baseline)),
        };
      case 'last':
        return { ...base, test: null, pValue: null, ci: null };
    }
  }

  return {
    /** Window aggregates in one query; with a baseline window, each KPI is also compared with it. */
    async measureKpis(input: MeasureKpisInput): Promise<KpiMeasurement[]> {
      return deps.dataSource
        .transaction('READ COMMITTED', async (tx) => {
          // Ranking a million samples can outlast the pool's statement timeout; the activity's
          // own start-to-close timeout (MEASUREMENT_READ) still bounds it.
          await tx.query(`SET LOCAL statement_timeout = '${MEASUREMENT_STATEMENT_TIMEOUT}'`);
          return measureIn(tx, input);
        })
        .catch(classifyDatabaseError);
    },
  };

  async function measureIn(db: EntityManager, input: MeasureKpisInput): Promise<KpiMeasurement[]> {
    const rows: WindowAggregates[] = await db.query(
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
      [input.initiativeId, input.kpis.map((k) => k.name), input.from, input.to],
    );
    const window = { from: input.from, to: input.to };
    const measured: KpiMeasurement[] = [];
    for (const kpi of input.kpis) {
      const row = rows.find((r) => r.kpi === kpi.name);
      // A rate KPI records 1 for an event and 0 otherwise: its rate is the mean.
      const raw = row ? (kpi.aggregate === 'rate' ? row.mean : row[kpi.aggregate]) : null;
      const value = raw === null ? null : Number(raw);
      const result: KpiMeasurement = { kpi: kpi.name, value, samples: row?.samples ?? 0 };
      if (value !== null && kpi.baseline) {
        result.comparison = await compare(
          db,
          input.initiativeId,
          { ...kpi, baseline: kpi.baseline },
          value,
          window,
        );
      }
      measured.push(result);
    }
    return measured;
  }
}
