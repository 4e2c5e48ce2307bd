import { type InitiativeState, isPulled, type PulledKpi } from '@cio/contracts';
import type { KpiWindowAggregate } from './evaluation';

/** How long a window's end waits for its data sources when the policy does not say: an hour. */
export const DEFAULT_COLLECTION_PATIENCE_MS = 3_600_000;

/** The KPIs the system pulls from data sources (not pushed, not fed by feedback). */
export const pulledKpis = (state: Pick<InitiativeState, 'definition'>): PulledKpi[] =>
  state.definition.kpis.filter(isPulled);

/**
 * The window open now, whose pulled KPIs the worker collects while it runs: the assessment
 * period, the evaluation window, or the interval a follow-up review will re-measure. A paused
 * initiative keeps its window (its end moves on resume).
 */
export function openWindow(state: InitiativeState): { from: string; to: string } | null {
  const phase = state.phase === 'Paused' ? state.paused?.resumeTo : state.phase;
  switch (phase) {
    case 'Assessing':
      return (
        state.assessmentWindow && { from: state.assessmentWindow.from, to: state.assessmentWindow.endsAt }
      );
    case 'Evaluating':
      return (
        state.evaluationWindow && { from: state.evaluationWindow.from, to: state.evaluationWindow.endsAt }
      );
    case 'Sustaining': {
      const due = state.followUps.nextAt;
      if (!due) return null;
      const from = new Date(Date.parse(due) - state.definition.policy.followUpIntervalMs).toISOString();
      return { from, to: due };
    }
    default:
      return null;
  }
}

/**
 * A window's aggregates once its collection failed for some KPIs: those count as short of
 * samples, so the window is never judged as if their data were complete (it is extended, or
 * judged inconclusive and escalated, by the same rules as a window short of samples).
 */
export function withUncollected(
  measured: readonly KpiWindowAggregate[],
  uncollected: readonly string[],
): KpiWindowAggregate[] {
  return measured.map((m) => (uncollected.includes(m.kpi) ? { kpi: m.kpi, value: null, samples: 0 } : m));
}
