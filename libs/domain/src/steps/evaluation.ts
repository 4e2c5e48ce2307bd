import type { Evaluation, InitiativeState, MeasurementWindow } from '@cio/contracts';
import { buildEvaluation, type KpiWindowAggregate, shortOfSamples } from '../evaluation';
import { required } from '../invariant';
import { transition } from '../phases';
import { nextCycle } from './cycle';
import { notice, type PhaseStep, recorded, type Wait } from './step';

/**
 * What an evaluation window short of samples does: it is extended once by its own length; at the
 * end of the extension the KPIs are judged anyway, the short ones as inconclusive (escalated), so
 * the initiative moves on to its next cycle. (A baseline short of samples: BASELINE_SHORT_OF_SAMPLES.)
 */
export const EVALUATION_SHORT_OF_SAMPLES = 'extend once, then judge as inconclusive and escalate' as const;

export function evaluationWait(state: InitiativeState): Wait {
  const window = required(state.evaluationWindow, 'evaluation window');
  return {
    until: window.endsAt,
    summary: `evaluation window, cycle ${state.cycle}, ends ${window.endsAt}`,
    due: { kind: 'evaluation-window-ends', window },
  };
}

export const evaluationSummary = (state: InitiativeState) => `evaluation of cycle ${state.cycle}`;

/** The window closed: judge every KPI against baseline and target, then loop back or sustain. */
export function evaluationWindowEnded(
  state: InitiativeState,
  window: MeasurementWindow,
  measured: readonly KpiWindowAggregate[],
): PhaseStep {
  const { definition } = state;
  const short = shortOfSamples(state, measured);
  if (short.length > 0 && !window.extended) {
    return {
      notify: [],
      record: (current) => {
        const next = extendEvaluationWindow(current, definition.policy.evaluationWindowMs);
        return recorded(next, {
          action: 'evaluation-window-extended',
          details: { shortOfSamples: short, measured, endsAt: next.evaluationWindow?.endsAt },
        });
      },
    };
  }
  const evaluation = buildEvaluation(state, 'evaluation', measured, window.from, window.endsAt);
  const owner = { person: definition.owner, department: definition.department };
  const { cycle } = state;
  return {
    notify: [
      ...(evaluation.inconclusive
        ? [
            notice(
              'evaluation-inconclusive',
              { role: definition.policy.approval.escalateTo },
              cycle,
              'evaluation-inconclusive',
              { cycle, short },
              { evaluation },
            ),
          ]
        : []),
      notice(
        'evaluation-ready',
        owner,
        cycle,
        'evaluation-ready',
        { cycle, met: evaluation.met },
        { evaluation },
      ),
      ...(evaluation.met
        ? [notice('target-met', owner, cycle, 'target-met', { cycle }, { evaluation })]
        : []),
    ],
    record: (current, at) => {
      const next = recordEvaluation(current, evaluation, at);
      const atLimit = next.phase === 'CycleLimitReached';
      return recorded(
        next,
        {
          action: 'evaluation-recorded',
          details: { evaluation, next: { phase: next.phase, cycle: next.cycle } },
          recorded: { evaluation, reviewNumber: 0 },
        },
        {
          notifyAfter: atLimit
            ? [
                notice(
                  'cycle-limit-reached',
                  { role: definition.policy.managerRoles[0], person: definition.owner },
                  next.cycle,
                  'cycle-limit',
                  { maxCycles: next.maxCycles },
                ),
              ]
            : [],
          continueAsNew: true,
        },
      );
    },
  };
}

export function extendEvaluationWindow(state: InitiativeState, windowMs: number): InitiativeState {
  const window = required(state.evaluationWindow, 'evaluation window');
  const endsAt = new Date(Date.parse(window.endsAt) + windowMs).toISOString();
  return { ...state, evaluationWindow: { ...window, endsAt, extended: true } };
}

/** Not met: the next optimisation cycle with the findings. Met: sustain, with follow-up reviews. */
export function recordEvaluation(
  state: InitiativeState,
  evaluation: Evaluation,
  now: string,
): InitiativeState {
  const evaluated = { ...state, evaluations: [...state.evaluations, evaluation] };
  if (!evaluation.met) return nextCycle(evaluated, evaluation);
  const nextAt = new Date(Date.parse(now) + state.definition.policy.followUpIntervalMs).toISOString();
  return {
    ...evaluated,
    phase: transition(state.phase, 'Sustaining'),
    findings: evaluation,
    evaluationWindow: null,
    followUps: { done: state.followUps.done, metInARow: 0, nextAt },
  };
}
