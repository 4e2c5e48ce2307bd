// A KPI's chart as uPlot wants it: one x array (seconds) shared by the series (the bucketed
// values, the baseline and the target as lines), plus the windows drawn behind them (the
// baseline's, each evaluation's and follow-up's with its observed aggregate, the open one).
import type { Baseline, EvaluationRecord, FollowUpRecord, Kpi, KpiSeries, Verdict } from '../api/types';

export type WindowKind = 'baseline' | 'evaluation' | 'follow-up' | 'open';

export interface ChartWindow {
  kind: WindowKind;
  /** Seconds since the epoch (uPlot's time scale). */
  from: number;
  to: number;
  observed: number | null;
  verdict: Verdict | 'regression' | null;
  cycle: number | null;
  /** The follow-up review's number. */
  review: number | null;
}

export type ChartData = [number[], (number | null)[], (number | null)[], (number | null)[]];

export interface ChartModel {
  /** [x, value, baseline, target] */
  data: ChartData;
  windows: ChartWindow[];
  baseline: number | null;
  target: number | null;
  x: { min: number; max: number };
  y: { min: number; max: number };
  /** How many buckets have data. */
  points: number;
}

export interface ChartInput {
  kpi: Kpi;
  series: KpiSeries;
  baseline: Baseline | undefined;
  /** The register's evaluation records (all KPIs; this one's are picked). */
  evaluations: readonly EvaluationRecord[];
  followUps: readonly FollowUpRecord[];
  /** A window open now (assessment or evaluation), drawn to its end. */
  openWindow: { from: string; endsAt: string } | null;
  now: number;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The target line: the last evaluation's, else the definition's (relative ones from the baseline). */
export function targetOf(
  kpi: Kpi,
  baseline: number | null,
  evaluations: readonly EvaluationRecord[],
): number | null {
  const judged = evaluations.filter((e) => e.kpi === kpi.name && e.target !== null);
  const last = judged[judged.length - 1];
  if (last?.target != null) return last.target;
  if (kpi.target.kind === 'absolute') return kpi.target.value;
  if (baseline === null) return null;
  const share = kpi.target.improvementPercent / 100;
  return kpi.direction === 'lower-is-better' ? baseline * (1 - share) : baseline * (1 + share);
}

export function shapeChart(input: ChartInput): ChartModel {
  const { kpi, series, evaluations, followUps, openWindow } = input;
  const baseline = input.baseline?.value ?? null;
  const target = targetOf(kpi, baseline, evaluations);
  const halfBucket = series.bucketMs / 2000;

  const windows: ChartWindow[] = [];
  if (input.baseline) {
    windows.push({
      kind: 'baseline',
      from: seconds(input.baseline.from),
      to: seconds(input.baseline.to),
      observed: input.baseline.value,
      verdict: null,
      cycle: null,
      review: null,
    });
  }
  for (const record of evaluations.filter((e) => e.kpi === kpi.name)) {
    const followUp =
      record.kind === 'follow-up'
        ? followUps.find((f) => f.cycle === record.cycle && f.number === record.reviewNumber)
        : undefined;
    windows.push({
      kind: record.kind,
      from: seconds(record.windowFrom),
      to: seconds(record.windowTo),
      observed: record.observed,
      verdict: followUp?.outcome === 'regression' ? 'regression' : record.verdict,
      cycle: record.cycle,
      review: record.kind === 'follow-up' ? record.reviewNumber : null,
    });
  }
  if (openWindow) {
    windows.push({
      kind: 'open',
      from: seconds(openWindow.from),
      to: seconds(openWindow.endsAt),
      observed: null,
      verdict: null,
      cycle: null,
      review: null,
    });
  }

  const buckets = series.points.map((p) => ({ x: seconds(p.at) + halfBucket, value: p.value }));
  const xMin = Math.min(seconds(series.from), ...windows.map((w) => w.from), ...buckets.map((b) => b.x));
  const xMax = Math.max(
    seconds(series.to),
    input.now / 1000,
    ...windows.map((w) => w.to),
    ...buckets.map((b) => b.x),
  );
  const byX = new Map<number, number>(buckets.map((b) => [b.x, b.value]));
  const xs = [...new Set([xMin, ...buckets.map((b) => b.x), xMax])].sort((a, b) => a - b);

  const levels = [
    ...buckets.map((b) => b.value),
    ...windows.flatMap((w) => (w.observed === null ? [] : [w.observed])),
    ...(baseline === null ? [] : [baseline]),
    ...(target === null ? [] : [target]),
  ];
  const high = levels.length > 0 ? Math.max(...levels) : 1;
  const low = levels.length > 0 ? Math.min(...levels) : 0;
  // Headroom for the labels drawn over the lines.
  const pad = (high - low || Math.abs(high) || 1) * 0.2;

  return {
    data: [xs, xs.map((x) => byX.get(x) ?? null), xs.map(() => baseline), xs.map(() => target)],
    windows,
    baseline,
    target,
    x: { min: xMin, max: xMax },
    y: { min: low >= 0 ? 0 : low - pad, max: high + pad },
    points: buckets.length,
  };
}
