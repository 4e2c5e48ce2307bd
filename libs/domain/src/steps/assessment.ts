import type { Baseline, InitiativeState, MeasurementWindow } from '@cio/contracts';
import { type KpiWindowAggregate, shortOfSamples } from '../evaluation';
import { required } from '../invariant';
import { transition } from '../phases';
import { notice, type PhaseStep, recorded, type Wait } from './step';

/**
 * What a baseline short of samples does: the assessment period is extended, again and again,
 * because nothing can be planned against no baseline; from the second extension on each one is
 * escalated. (An evaluation short of samples is extended once, then judged: EVALUATION_SHORT_OF_SAMPLES.)
 */
export const BASELINE_SHORT_OF_SAMPLES = 'extend, escalating every extension after the first' as const;

const kpiNames = (state: InitiativeState) => state.definition.kpis.map((k) => k.name).join(', ');

export function assessmentWait(state: InitiativeState): Wait {
  const window = required(state.assessmentWindow, 'assessment window');
  return {
    until: window.endsAt,
    summary: `assessment period ends ${window.endsAt}: baseline of ${kpiNames(state)}`,
    due: { kind: 'assessment-ends', window },
  };
}

export const baselineSummary = (state: InitiativeState) => `baseline of ${kpiNames(state)}`;

/** The assessment period ended: record the baseline, or extend the period when samples are short. */
export function assessmentEnded(
  state: InitiativeState,
  window: MeasurementWindow,
  measured: readonly KpiWindowAggregate[],
): PhaseStep {
  const short = shortOfSamples(state, measured);
  if (short.length > 0) {
    const { policy } = state.definition;
    return {
      notify: window.extended
        ? [
            notice(
              'baseline-escalation',
              { role: policy.approval.escalateTo },
              state.cycle,
              `baseline-${window.endsAt}`,
              { short },
              { measured },
            ),
          ]
        : [],
      record: (current) => {
        const next = extendAssessment(current, policy.assessmentPeriodMs);
        return recorded(next, {
          action: 'assessment-extended',
          details: { shortOfSamples: short, measured, endsAt: next.assessmentWindow?.endsAt },
        });
      },
    };
  }
  const baseline: Baseline[] = measured.map((m) => ({
    kpi: m.kpi,
    value: required(m.value, `baseline of ${m.kpi}`),
    samples: m.samples,
    from: window.from,
    to: window.endsAt,
  }));
  return {
    notify: [],
    record: (current) =>
      recorded(recordBaseline(current, baseline), { action: 'baseline-recorded', details: { baseline } }),
  };
}

export function recordBaseline(state: InitiativeState, baseline: Baseline[]): InitiativeState {
  return { ...state, baseline, assessmentWindow: null, phase: transition(state.phase, 'Planning') };
}

export function extendAssessment(state: InitiativeState, periodMs: number): InitiativeState {
  const window = required(state.assessmentWindow, 'assessment window');
  const endsAt = new Date(Date.parse(window.endsAt) + periodMs).toISOString();
  return { ...state, assessmentWindow: { ...window, endsAt, extended: true } };
}
