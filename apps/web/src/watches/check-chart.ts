// A watch's checks as its chart draws them: one point per check (the recent period's value, oldest
// first), breaches marked, and what each was judged against: the threshold's line, or the
// baseline's value at each check (a degradation rule's baseline moves with the check).
import type { WatchCheck, WatchDefinition, WatchOutcome } from '../api/types';

export interface CheckPoint {
  /** Milliseconds since the epoch. */
  at: number;
  /** The recent period's aggregate; null when it had no samples. */
  value: number | null;
  /** What the check was judged against: the threshold, or the baseline's aggregate then. */
  reference: number | null;
  outcome: WatchOutcome;
}

export interface CheckChartModel {
  points: CheckPoint[];
  reference: 'threshold' | 'baseline';
  /** The threshold rule's value (a horizontal line). */
  threshold: number | null;
  x: { min: number; max: number };
  y: { min: number; max: number };
  breaches: number;
  /** The latest value, for the chart's name. */
  last: number | null;
}

/** The checks (in any order) as points oldest first; null when there is nothing to draw. */
export function checkChart(
  checks: readonly Pick<WatchCheck, 'checkedAt' | 'outcome' | 'evidence'>[],
  rule: WatchDefinition['rule'],
): CheckChartModel | null {
  const threshold = rule.kind === 'threshold' ? rule.value : null;
  const points = checks
    .map((check): CheckPoint => ({
      at: Date.parse(check.checkedAt),
      value: check.evidence.recent.value,
      reference: threshold ?? check.evidence.baseline?.value ?? null,
      outcome: check.outcome,
    }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.at - b.at);
  const first = points[0];
  const latest = points.at(-1);
  if (!first || !latest) return null;
  const values = points
    .flatMap((p) => [p.value, p.reference])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const low = values.length > 0 ? Math.min(...values) : 0;
  const high = values.length > 0 ? Math.max(...values) : 1;
  // A little room above and below, and a span even when every value is the same.
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
  return {
    points,
    reference: rule.kind === 'threshold' ? 'threshold' : 'baseline',
    threshold,
    x: { min: first.at, max: latest.at },
    y: { min: low - pad, max: high + pad },
    breaches: points.filter((p) => p.outcome === 'breach').length,
    last: latest.value,
  };
}
