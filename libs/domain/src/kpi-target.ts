import type { KpiDefinition, KpiVerdict } from '@cio/contracts';

/** The value the aggregate must reach: absolute, or the baseline improved by a percentage. */
export function targetValue(kpi: KpiDefinition, baseline: number): number {
  if (kpi.target.kind === 'absolute') return kpi.target.value;
  const factor = kpi.target.improvementPercent / 100;
  return kpi.direction === 'lower-is-better' ? baseline * (1 - factor) : baseline * (1 + factor);
}

/**
 * A relative target is computed in floating point (10 × 0.2 = 1.9999999999999996), so a value
 * within a relative 1e-9 of the target counts as on it.
 */
export function meetsTarget(kpi: KpiDefinition, observed: number, target: number): boolean {
  const tolerance = 1e-9 * Math.abs(target);
  return kpi.direction === 'lower-is-better'
    ? observed <= target + tolerance
    : observed >= target - tolerance;
}

/** Met, not met, or inconclusive when the window held too few samples to judge. */
export function kpiVerdict(
  kpi: KpiDefinition,
  baseline: number,
  observed: number | null,
  samples: number,
  minSamples: number,
): KpiVerdict {
  if (observed === null || samples < minSamples) return 'inconclusive';
  return meetsTarget(kpi, observed, targetValue(kpi, baseline)) ? 'met' : 'not-met';
}
