import type { Evaluation, InitiativeState, KpiComparison, KpiEvaluation } from '@cio/contracts';
import { kpiVerdict, targetValue } from './kpi-target';

export interface KpiWindowAggregate {
  kpi: string;
  value: number | null;
  samples: number;
  comparison?: KpiComparison;
}

/** Judges a window's aggregates against baseline and target: met only when every KPI is met. */
export function buildEvaluation(
  state: InitiativeState,
  kind: Evaluation['kind'],
  measured: readonly KpiWindowAggregate[],
  from: string,
  to: string,
): Evaluation {
  const { kpis, policy } = state.definition;
  const results = kpis.map<KpiEvaluation>((kpi) => {
    const baseline = state.baseline.find((b) => b.kpi === kpi.name)?.value ?? Number.NaN;
    const window: KpiWindowAggregate = measured.find((m) => m.kpi === kpi.name) ?? {
      kpi: kpi.name,
      value: null,
      samples: 0,
    };
    return {
      kpi: kpi.name,
      baseline,
      target: targetValue(kpi, baseline),
      observed: window.value,
      samples: window.samples,
      verdict: kpiVerdict(kpi, baseline, window.value, window.samples, policy.minSamples),
      ...(window.comparison ? { comparison: window.comparison } : {}),
    };
  });
  return {
    cycle: state.cycle,
    kind,
    from,
    to,
    kpis: results,
    met: results.every((r) => r.verdict === 'met'),
    inconclusive: results.some((r) => r.verdict === 'inconclusive'),
  };
}

/** KPIs whose window holds fewer samples than the policy's minimum. */
export function shortOfSamples(state: InitiativeState, measured: readonly KpiWindowAggregate[]): string[] {
  return measured
    .filter((m) => m.value === null || m.samples < state.definition.policy.minSamples)
    .map((m) => m.kpi);
}
