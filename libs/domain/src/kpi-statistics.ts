import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { mean, quickselect, sampleVariance } from 'simple-statistics';

/**
 * The statistics a reviewer needs to trust an evaluation: the change against the baseline, a
 * significance test suited to the aggregate and a confidence interval of the change. Verified
 * against SciPy (scripts/reference, statistics.reference.json). Distribution functions come from
 * stdlib (ported from Cephes/Boost), sample summaries from simple-statistics.
 */

/** Linear interpolation between order statistics: PostgreSQL's percentile_cont, NumPy's default. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  return lo + 1 < sorted.length ? below + (h - lo) * ((sorted[lo + 1] as number) - below) : below;
}

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator). */
  variance: number;
  median: number;
  p90: number;
  p95: number;
  /** The last value in the given order. */
  last: number;
}

export function summarize(values: readonly number[]): SampleSummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: values.length,
    mean: mean([...values]),
    variance: values.length > 1 ? sampleVariance([...values]) : Number.NaN,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    last: values[values.length - 1] ?? Number.NaN,
  };
}

/** observed − baseline, and as a percentage of |baseline| (null when the baseline is 0). */
export function changeAgainstBaseline(baseline: number, observed: number) {
  const absolute = observed - baseline;
  return { absolute, percent: baseline === 0 ? null : (absolute / Math.abs(baseline)) * 100 };
}

export interface SufficientStatistics {
  n: number;
  mean: number;
  variance: number;
}

export interface WelchResult {
  /** current − baseline */
  difference: number;
  t: number | null;
  df: number | null;
  /** Two-sided; null when both samples are constant or smaller than 2. */
  pValue: number | null;
  ci: [number, number] | null;
}

/**
 * Welch's unequal-variances t-test and interval for the difference of means, from sufficient
 * statistics (PostgreSQL's count, avg and var_samp), as scipy.stats.ttest_ind(current, baseline,
 * equal_var=False) and its confidence_interval().
 */
export function welchTest(
  baseline: SufficientStatistics,
  current: SufficientStatistics,
  confidence = 0.95,
): WelchResult {
  const difference = current.mean - baseline.mean;
  const a = current.variance / current.n;
  const b = baseline.variance / baseline.n;
  const se = Math.sqrt(a + b);
  if (current.n < 2 || baseline.n < 2 || !(se > 0) || !Number.isFinite(se)) {
    return { difference, t: null, df: null, pValue: null, ci: null };
  }
  const t = difference / se;
  const df = (a + b) ** 2 / (a ** 2 / (current.n - 1) + b ** 2 / (baseline.n - 1));
  const pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  const margin = tQuantile(1 - (1 - confidence) / 2, df) * se;
  return { difference, t, df, pValue, ci: [difference - margin, difference + margin] };
}

export interface RankSums {
  /** Size of the first sample (the current window) and of the second (the baseline). */
  n1: number;
  n2: number;
  /** Sum of the first sample's midranks in the pooled, sorted samples. */
  rankSum1: number;
  /** Σ (t³ − t) over groups of tied values. */
  tieTerm: number;
}

/**
 * Mann–Whitney U from rank sums (so PostgreSQL can rank a million samples), two-sided, normal
 * approximation with tie and continuity corrections: scipy.stats.mannwhitneyu(current, baseline,
 * method='asymptotic'). `u` is the first sample's U.
 */
export function mannWhitneyFromRanks({ n1, n2, rankSum1, tieTerm }: RankSums): {
  u: number;
  pValue: number | null;
} {
  const u = rankSum1 - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (n1 < 1 || n2 < 1 || !(sigma > 0)) return { u, pValue: null };
  const larger = Math.max(u, n1 * n2 - u);
  const z = (larger - (n1 * n2) / 2 - 0.5) / sigma;
  return { u, pValue: Math.min(1, Math.max(0, 2 * normalCdf(-z, 0, 1))) };
}

/** Midranks of the pooled samples, then mannWhitneyFromRanks. */
export function mannWhitneyU(current: readonly number[], baseline: readonly number[]) {
  const pooled = [
    ...current.map((value) => ({ value, first: true })),
    ...baseline.map((value) => ({ value, first: false })),
  ].sort((x, y) => x.value - y.value);
  let rankSum1 = 0;
  let tieTerm = 0;
  for (let i = 0; i < pooled.length;) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1]?.value === pooled[i]?.value) j++;
    const ties = j - i + 1;
    const midrank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (pooled[k]?.first) rankSum1 += midrank;
    tieTerm += ties ** 3 - ties;
    i = j + 1;
  }
  return mannWhitneyFromRanks({ n1: current.length, n2: baseline.length, rankSum1, tieTerm });
}

export type BootstrapStatistic = 'mean' | 'median' | 'p90' | 'p95';
const LEVEL: Record<Exclude<BootstrapStatistic, 'mean'>, number> = { median: 0.5, p90: 0.9, p95: 0.95 };

/** The statistic of a sample, in place (quickselect reorders it). */
function statisticOf(sample: Float64Array, statistic: BootstrapStatistic): number {
  if (statistic === 'mean') {
    let sum = 0;
    for (const value of sample) sum += value;
    return sum / sample.length;
  }
  const h = (sample.length - 1) * LEVEL[statistic];
  const lo = Math.floor(h);
  const values = sample as unknown as number[];
  quickselect(values, lo);
  const below = sample[lo] as number;
  if (lo + 1 >= sample.length || h === lo) return below;
  // After quickselect everything right of lo is ≥ sample[lo]: the next order statistic is their minimum.
  let above = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < sample.length; i++) above = Math.min(above, sample[i] as number);
  return below + (h - lo) * (above - below);
}

/**
 * Seeded percentile bootstrap of `statistic(first, second)`: each resample draws both samples with
 * replacement (first, then second, from one generator). The same seed gives the same interval, so
 * a retried activity reports the same numbers.
 */
export function bootstrapCi(
  first: readonly number[],
  second: readonly number[],
  statistic: (first: Float64Array, second: Float64Array) => number,
  options: { resamples?: number; confidence?: number; seed: number },
): [number, number] {
  const resamples = options.resamples ?? 2_000;
  const confidence = options.confidence ?? 0.95;
  const rng = xoroshiro128plus(options.seed);
  // A 32-bit draw modulo n: the bias (n / 2³²) is far below the bootstrap's own noise.
  const draw = (sample: readonly number[], into: Float64Array) => {
    for (let i = 0; i < into.length; i++) into[i] = sample[(rng.next() >>> 0) % sample.length] as number;
    return into;
  };
  const drawFirst = new Float64Array(first.length);
  const drawSecond = new Float64Array(second.length);
  const values = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) values[r] = statistic(draw(first, drawFirst), draw(second, drawSecond));
  values.sort();
  const alpha = (1 - confidence) / 2;
  return [quantile(values, alpha), quantile(values, 1 - alpha)];
}

/** The bootstrap interval of statistic(current) − statistic(baseline); null below two samples each. */
export function bootstrapDifferenceCi(
  baseline: readonly number[],
  current: readonly number[],
  statistic: BootstrapStatistic,
  options: { resamples?: number; confidence?: number; seed: number },
): [number, number] | null {
  if (baseline.length < 2 || current.length < 2) return null;
  return bootstrapCi(
    current,
    baseline,
    (cur, base) => statisticOf(cur, statistic) - statisticOf(base, statistic),
    options,
  );
}
