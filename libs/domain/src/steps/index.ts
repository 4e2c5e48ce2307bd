import { INITIATIVE_WORKFLOW_REVISION, type InitiativeState } from '@cio/contracts';
import type { KpiWindowAggregate } from '../evaluation';
import { assessmentEnded, assessmentWait, baselineSummary } from './assessment';
import { approvalNudged, approvalWait } from './approval';
import { evaluationSummary, evaluationWait, evaluationWindowEnded } from './evaluation';
import { implementationCompleted, implementationNudged, implementationWait } from './implementation';
import type { Due, PhaseStep, Wait } from './step';
import { followUpDue, followUpWait, followUpWindow } from './sustain';

export * from './step';
export { noticeSubject } from './notices';
export { BASELINE_SHORT_OF_SAMPLES, recordBaseline, extendAssessment } from './assessment';
export { EVALUATION_SHORT_OF_SAMPLES, recordEvaluation, extendEvaluationWindow } from './evaluation';
export { openEvaluationWindow } from './implementation';
export { recordFollowUp } from './sustain';

const untilChanged = (summary: string): Wait => ({ until: null, summary, due: null });

/** What the initiative waits for in its current phase. */
export function waitOf(state: InitiativeState): Wait {
  switch (state.phase) {
    case 'Assessing':
      return assessmentWait(state);
    case 'Planning':
      return untilChanged('waiting for a plan');
    case 'AwaitingApproval':
      return approvalWait(state);
    case 'Implementing':
      return implementationWait(state);
    case 'Evaluating':
      return evaluationWait(state);
    case 'Sustaining':
      return followUpWait(state);
    case 'CycleLimitReached':
      return untilChanged('waiting for the manager to extend or close');
    case 'Paused':
      return untilChanged('paused');
    case 'Closed':
      return untilChanged('closed');
  }
}

/** The window a due event measures before its step, and the activity's summary; null for none. */
export function windowToMeasure(
  state: InitiativeState,
  due: Due,
): { from: string; to: string; summary: string } | null {
  switch (due.kind) {
    case 'assessment-ends':
      return { from: due.window.from, to: due.window.endsAt, summary: baselineSummary(state) };
    case 'evaluation-window-ends':
      return { from: due.window.from, to: due.window.endsAt, summary: evaluationSummary(state) };
    case 'follow-up-due':
      return followUpWindow(state, due);
    default:
      return null;
  }
}

/** How a step is taken: the workflow revision of the run (see INITIATIVE_WORKFLOW_REVISION). */
export interface StepOptions {
  revision: number;
}

/** The step a due event takes, from the state and what was measured (empty when nothing was). */
export function stepOf(
  state: InitiativeState,
  due: Due,
  measured: readonly KpiWindowAggregate[],
  at: string,
  options: StepOptions = { revision: INITIATIVE_WORKFLOW_REVISION },
): PhaseStep {
  switch (due.kind) {
    case 'assessment-ends':
      return assessmentEnded(state, due.window, measured);
    case 'approval-nudge':
      return approvalNudged(state, due);
    case 'implementation-complete':
      return implementationCompleted();
    case 'implementation-nudges':
      return implementationNudged(state, due, at, { keepDone: options.revision >= 3 });
    case 'evaluation-window-ends':
      return evaluationWindowEnded(state, due.window, measured);
    case 'follow-up-due':
      return followUpDue(state, due, measured);
  }
}

/**
 * Whether a step decided on `before` (when its wait ended) still applies to `current`, the state
 * once its window was collected and its notices sent: an update accepted meanwhile (a pause, a
 * closure, a new plan, the last task done) ends the wait the step belonged to, and the lifecycle
 * waits afresh instead. Revision 3 onwards; earlier runs took the step regardless.
 */
export function stepStillApplies(before: InitiativeState, current: InitiativeState): boolean {
  return (
    current.phase === before.phase &&
    current.cycle === before.cycle &&
    current.plan?.version === before.plan?.version &&
    current.assessmentWindow?.endsAt === before.assessmentWindow?.endsAt &&
    current.evaluationWindow?.endsAt === before.evaluationWindow?.endsAt &&
    current.followUps.done === before.followUps.done
  );
}
