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
import {
  hashedSubsamples,
  inMeasurementRead,
  type SampleWindow,
  type TwoWindows,
  windowAggregates,
  windowMoments,
  windowRanks,
} from '@cio/persistence';

/** Confidence level of every interval the register reports. */
export const CONFIDENCE = 0.95;
/** Quantile CIs bootstrap at most this many samples per window (a hashed, reproducible subsample). */
export const BOOTSTRAP_MAX_SAMPLES = 10_000;
export const BOOTSTRAP_RESAMPLES = 2_000;
const MEASUREMENT_STATEMENT_TIMEOUT = '110s';

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
  async function welch(db: EntityManager, windows: TwoWindows) {
    const row = await windowMoments(db, windows);
    if (!row || row.n_cur < 2 || row.n_base < 2) return { pValue: null, ci: null };
    const result = welchTest(
      { n: row.n_base, mean: Number(row.mean_base), variance: Number(row.var_base) },
      { n: row.n_cur, mean: Number(row.mean_cur), variance: Number(row.var_cur) },
      CONFIDENCE,
    );
    return { pValue: result.pValue, ci: result.ci };
  }

  /** Mann–Whitney U from midranks computed in SQL, and a bootstrap CI on a bounded subsample. */
  async function ranks(db: EntityManager, windows: TwoWindows, aggregate: 'median' | 'p90' | 'p95') {
    const row = await windowRanks(db, windows);
    if (!row || row.n_cur < 2 || row.n_base < 2) return { pValue: null, ci: null };
    const test = mannWhitneyFromRanks({
      n1: row.n_cur,
      n2: row.n_base,
      rankSum1: Number(row.rank_sum_cur),
      tieTerm: Number(row.tie_term ?? 0),
    });
    const keepEvery = (n: number) => Math.max(1, Math.ceil(n / BOOTSTRAP_MAX_SAMPLES));
    const sample = await hashedSubsamples(db, windows, {
      current: keepEvery(row.n_cur),
      baseline: keepEvery(row.n_base),
    });
    const ci =
      sample?.cur && sample.base && sample.cur.length >= 2 && sample.base.length >= 2
        ? bootstrapDifferenceCi(sample.base, sample.cur, aggregate, {
            resamples: BOOTSTRAP_RESAMPLES,
            confidence: CONFIDENCE,
            seed: seedOf(`${windows.initiativeId}|${windows.kpi}|${windows.current.from}`),
          })
        : null;
    return { pValue: test.pValue, ci };
  }

  async function compare(
    db: EntityManager,
    initiativeId: string,
    kpi: { name: string; aggregate: Aggregate; baseline: SampleWindow & { value: number } },
    observed: number,
    current: SampleWindow,
  ): Promise<KpiComparison> {
    const change = changeAgainstBaseline(kpi.baseline.value, observed);
    const base = { changeAbsolute: change.absolute, changePercent: change.percent, confidence: CONFIDENCE };
    const windows = { initiativeId, kpi: kpi.name, current, baseline: kpi.baseline };
    switch (kpi.aggregate) {
      case 'mean':
      case 'rate':
        return { ...base, test: 'welch-t', ...(await welch(db, windows)) };
      case 'median':
      case 'p90':
      case 'p95':
        return { ...base, test: 'mann-whitney-u', ...(await ranks(db, windows, kpi.aggregate)) };
      case 'last':
        return { ...base, test: null, pValue: null, ci: null };
    }
  }

  return {
    /** Window aggregates in one query; with a baseline window, each KPI is also compared with it. */
    async measureKpis(input: MeasureKpisInput): Promise<KpiMeasurement[]> {
      // Ranking a million samples can outlast the pool's statement timeout; the activity's own
      // start-to-close timeout (MEASUREMENT_READ) still bounds it.
      return inMeasurementRead(deps.dataSource, MEASUREMENT_STATEMENT_TIMEOUT, (tx) =>
        measureIn(tx, input),
      ).catch(classifyDatabaseError);
    },
  };

  async function measureIn(db: EntityManager, input: MeasureKpisInput): Promise<KpiMeasurement[]> {
    const window = { from: input.from, to: input.to };
    const rows = await windowAggregates(db, {
      initiativeId: input.initiativeId,
      kpis: input.kpis.map((k) => k.name),
      ...window,
    });
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
