import {
  type Actor,
  type ApprovePlanInput,
  type CancelInput,
  type CompleteTaskInput,
  type CompleteTrainingInput,
  type Decision,
  type Evaluation,
  type ExtendCycleLimitInput,
  type InitiativeDefinition,
  InitiativeErrorCode as Code,
  type InitiativeState,
  type MeasurementWindow,
  type PauseInput,
  type PlanInput,
  type Refusal,
  type RejectPlanInput,
  type ResumeInput,
  type SubmitPlanInput,
} from '@cio/contracts';
import { quorumReached } from './approval-policy';
import { required } from './invariant';
import { isPausable, transition } from './phases';

/**
 * The initiative's rules as pure functions: `refuse*` says why an action is not allowed now (or
 * null), `apply*` returns the next state. The workflow validates with the first and applies the
 * second; time and measurements reach it as the `record*` events below.
 */

const refusal = (code: Refusal['code'], message: string): Refusal => ({ code, message });

export function initialState(definition: InitiativeDefinition, now: string): InitiativeState {
  return {
    definition,
    phase: 'Assessing',
    phaseSince: now,
    cycle: 1,
    maxCycles: definition.policy.maxCycles,
    baseline: [],
    plan: null,
    lastRejection: null,
    findings: null,
    evaluations: [],
    assessmentWindow: {
      from: now,
      endsAt: new Date(Date.parse(now) + definition.policy.assessmentPeriodMs).toISOString(),
      extended: false,
    },
    evaluationWindow: null,
    followUps: { done: 0, metInARow: 0, nextAt: null },
    paused: null,
    closed: null,
    waitingOn: [],
    approvalReminders: { remindersSent: 0, escalated: false, since: null },
    auditSequence: 0,
    seenUpdateIds: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Who may act

function refuseIfClosedOrPaused(state: InitiativeState): Refusal | null {
  if (state.phase === 'Closed') return refusal(Code.INITIATIVE_CLOSED, 'the initiative is closed');
  if (state.phase === 'Paused')
    return refusal(Code.INITIATIVE_PAUSED, 'the initiative is paused; resume it first');
  return null;
}

function refuseIfNotManager(state: InitiativeState, actor: Actor): Refusal | null {
  return state.definition.policy.managerRoles.includes(actor.role)
    ? null
    : refusal(Code.ROLE_NOT_ALLOWED, `role '${actor.role}' may not manage this initiative`);
}

function planProblems(plan: PlanInput): string[] {
  const problems: string[] = [];
  if (plan.measures.length === 0) problems.push('plan.measures must name at least one measure');
  const taskIds = plan.tasks.map((t) => t.id);
  if (new Set(taskIds).size !== taskIds.length) problems.push('plan.tasks ids must be distinct');
  const people = plan.trainees.map((t) => t.person);
  if (new Set(people).size !== people.length) problems.push('plan.trainees must not repeat a person');
  for (const [i, item] of [...plan.tasks, ...plan.trainees].entries()) {
    if (Number.isNaN(Date.parse(item.dueAt)))
      problems.push(`plan deadline #${i + 1} is not an ISO date: ${item.dueAt}`);
  }
  return problems;
}

export function refuseSubmitPlan(state: InitiativeState, input: SubmitPlanInput): Refusal | null {
  const blocked = refuseIfClosedOrPaused(state) ?? refuseIfNotManager(state, input.actor);
  if (blocked) return blocked;
  if (state.phase !== 'Planning')
    return refusal(Code.NOT_IN_PLANNING, `plans are submitted in Planning, not ${state.phase}`);
  const problems = planProblems(input.plan);
  return problems.length > 0 ? refusal(Code.INVALID_INPUT, problems.join('; ')) : null;
}

function refuseDecision(state: InitiativeState, actor: Actor, planVersion: number): Refusal | null {
  const blocked = refuseIfClosedOrPaused(state);
  if (blocked) return blocked;
  const plan = state.plan;
  if (state.phase !== 'AwaitingApproval' || !plan) {
    return refusal(Code.PLAN_NOT_AWAITING_APPROVAL, `no plan awaits approval (phase ${state.phase})`);
  }
  if (planVersion !== plan.version) {
    return refusal(
      Code.PLAN_VERSION_SUPERSEDED,
      `plan version ${planVersion} was superseded; version ${plan.version} awaits approval`,
    );
  }
  if (!state.definition.policy.approval.roles.includes(actor.role)) {
    return refusal(Code.ROLE_NOT_IN_POLICY, `role '${actor.role}' is not an approver of this initiative`);
  }
  if (plan.decisions.some((d) => d.role === actor.role)) {
    return refusal(
      Code.ROLE_ALREADY_DECIDED,
      `role '${actor.role}' already decided on plan version ${planVersion}`,
    );
  }
  return null;
}

export function refuseApprovePlan(state: InitiativeState, input: ApprovePlanInput): Refusal | null {
  return refuseDecision(state, input.actor, input.planVersion);
}

export function refuseRejectPlan(state: InitiativeState, input: RejectPlanInput): Refusal | null {
  const blocked = refuseDecision(state, input.actor, input.planVersion);
  if (blocked) return blocked;
  return input.reason?.trim() ? null : refusal(Code.REASON_REQUIRED, 'a rejection needs a reason');
}

export function refuseCompleteTask(state: InitiativeState, input: CompleteTaskInput): Refusal | null {
  const blocked = refuseIfClosedOrPaused(state);
  if (blocked) return blocked;
  if (state.phase !== 'Implementing' || !state.plan)
    return refusal(Code.NOT_IMPLEMENTING, `phase is ${state.phase}`);
  const task = state.plan.tasks.find((t) => t.id === input.taskId);
  if (!task)
    return refusal(Code.TASK_NOT_FOUND, `no task '${input.taskId}' in plan version ${state.plan.version}`);
  if (task.doneAt) return refusal(Code.TASK_ALREADY_DONE, `task '${task.id}' was done at ${task.doneAt}`);
  const responsible =
    input.actor.department === task.department ||
    state.definition.policy.managerRoles.includes(input.actor.role);
  return responsible
    ? null
    : refusal(
        Code.DEPARTMENT_NOT_RESPONSIBLE,
        `task '${task.id}' belongs to department '${task.department}'`,
      );
}

export function refuseCompleteTraining(state: InitiativeState, input: CompleteTrainingInput): Refusal | null {
  const blocked = refuseIfClosedOrPaused(state);
  if (blocked) return blocked;
  if (state.phase !== 'Implementing' || !state.plan)
    return refusal(Code.NOT_IMPLEMENTING, `phase is ${state.phase}`);
  const trainee = state.plan.trainees.find((t) => t.person === input.person);
  if (!trainee) return refusal(Code.TRAINEE_NOT_FOUND, `'${input.person}' is not a trainee of this plan`);
  if (trainee.completedAt) {
    return refusal(
      Code.TRAINING_ALREADY_COMPLETED,
      `'${input.person}' completed training at ${trainee.completedAt}`,
    );
  }
  const allowed =
    input.actor.user === trainee.person ||
    input.actor.department === trainee.department ||
    state.definition.policy.managerRoles.includes(input.actor.role);
  return allowed
    ? null
    : refusal(
        Code.NOT_THE_TRAINEE,
        `only ${trainee.person}, department '${trainee.department}' or a manager may record it`,
      );
}

export function refusePause(state: InitiativeState, input: PauseInput): Refusal | null {
  if (state.phase === 'Closed') return refusal(Code.INITIATIVE_CLOSED, 'the initiative is closed');
  const blocked = refuseIfNotManager(state, input.actor);
  if (blocked) return blocked;
  if (!isPausable(state.phase)) return refusal(Code.NOT_PAUSABLE, `cannot pause in phase ${state.phase}`);
  return input.reason?.trim() ? null : refusal(Code.REASON_REQUIRED, 'a pause needs a reason');
}

export function refuseResume(state: InitiativeState, input: ResumeInput): Refusal | null {
  if (state.phase === 'Closed') return refusal(Code.INITIATIVE_CLOSED, 'the initiative is closed');
  const blocked = refuseIfNotManager(state, input.actor);
  if (blocked) return blocked;
  return state.phase === 'Paused'
    ? null
    : refusal(Code.NOT_PAUSED, `the initiative is not paused (${state.phase})`);
}

export function refuseCancel(state: InitiativeState, input: CancelInput): Refusal | null {
  if (state.phase === 'Closed') return refusal(Code.INITIATIVE_CLOSED, 'the initiative is closed');
  const blocked = refuseIfNotManager(state, input.actor);
  if (blocked) return blocked;
  return input.reason?.trim() ? null : refusal(Code.REASON_REQUIRED, 'a cancellation needs a reason');
}

export function refuseExtendCycleLimit(state: InitiativeState, input: ExtendCycleLimitInput): Refusal | null {
  if (state.phase === 'Closed') return refusal(Code.INITIATIVE_CLOSED, 'the initiative is closed');
  const blocked = refuseIfNotManager(state, input.actor);
  if (blocked) return blocked;
  return Number.isInteger(input.additionalCycles) &&
    input.additionalCycles >= 1 &&
    input.additionalCycles <= 100
    ? null
    : refusal(Code.INVALID_INPUT, 'additionalCycles must be a whole number from 1 to 100');
}

// ---------------------------------------------------------------------------------------------
// What an accepted action does

export function applySubmitPlan(
  state: InitiativeState,
  input: SubmitPlanInput,
  now: string,
): InitiativeState {
  const version = (state.plan?.cycle === state.cycle ? state.plan.version : 0) + 1;
  return {
    ...state,
    phase: transition(state.phase, 'AwaitingApproval'),
    plan: {
      version,
      cycle: state.cycle,
      submittedBy: input.actor.user,
      submittedAt: now,
      measures: input.plan.measures,
      tasks: input.plan.tasks.map((t) => ({
        ...t,
        doneAt: null,
        doneBy: null,
        remindersSent: 0,
        escalated: false,
      })),
      trainees: input.plan.trainees.map((t) => ({
        ...t,
        completedAt: null,
        remindersSent: 0,
        escalated: false,
      })),
      decisions: [],
      approvedAt: null,
    },
    approvalReminders: { remindersSent: 0, escalated: false, since: now },
  };
}

function decide(state: InitiativeState, decision: Decision): InitiativeState {
  const plan = required(state.plan, 'plan');
  const decisions = [...plan.decisions, decision];
  if (decision.decision === 'rejected') {
    return {
      ...state,
      phase: transition(state.phase, 'Planning'),
      plan: { ...plan, decisions },
      lastRejection: decision,
      approvalReminders: { remindersSent: 0, escalated: false, since: null },
    };
  }
  const approved = quorumReached(state.definition.policy.approval, decisions, plan.version);
  return {
    ...state,
    phase: approved ? transition(state.phase, 'Implementing') : state.phase,
    plan: { ...plan, decisions, approvedAt: approved ? decision.at : null },
    approvalReminders: approved
      ? { remindersSent: 0, escalated: false, since: null }
      : state.approvalReminders,
  };
}

export function applyApprovePlan(
  state: InitiativeState,
  input: ApprovePlanInput,
  now: string,
): InitiativeState {
  return decide(state, {
    role: input.actor.role,
    by: input.actor.user,
    decision: 'approved',
    ...(input.comment ? { reason: input.comment } : {}),
    at: now,
    planVersion: input.planVersion,
  });
}

export function applyRejectPlan(
  state: InitiativeState,
  input: RejectPlanInput,
  now: string,
): InitiativeState {
  return decide(state, {
    role: input.actor.role,
    by: input.actor.user,
    decision: 'rejected',
    reason: input.reason.trim(),
    at: now,
    planVersion: input.planVersion,
  });
}

export function applyCompleteTask(
  state: InitiativeState,
  input: CompleteTaskInput,
  now: string,
): InitiativeState {
  const plan = required(state.plan, 'plan');
  return {
    ...state,
    plan: {
      ...plan,
      tasks: plan.tasks.map((t) =>
        t.id === input.taskId ? { ...t, doneAt: now, doneBy: input.actor.user } : t,
      ),
    },
  };
}

export function applyCompleteTraining(
  state: InitiativeState,
  input: CompleteTrainingInput,
  now: string,
): InitiativeState {
  const plan = required(state.plan, 'plan');
  return {
    ...state,
    plan: {
      ...plan,
      trainees: plan.trainees.map((t) => (t.person === input.person ? { ...t, completedAt: now } : t)),
    },
  };
}

/** Every task done and every trainee trained: the change is live, the window may open. */
export function implementationComplete(state: InitiativeState): boolean {
  const plan = state.plan;
  return !!plan && plan.tasks.every((t) => t.doneAt) && plan.trainees.every((t) => t.completedAt);
}

export function applyPause(state: InitiativeState, input: PauseInput, now: string): InitiativeState {
  return {
    ...state,
    phase: transition(state.phase, 'Paused'),
    paused: { since: now, by: input.actor, reason: input.reason.trim(), resumeTo: state.phase },
  };
}

function shift<T extends string | null>(iso: T, ms: number): T {
  return (iso === null ? iso : new Date(Date.parse(iso) + ms).toISOString()) as T;
}

function shiftWindow(window: MeasurementWindow | null, ms: number): MeasurementWindow | null {
  return window && { ...window, endsAt: shift(window.endsAt, ms) };
}

/** Resuming moves every pending deadline and window end by the time spent paused. */
export function applyResume(state: InitiativeState, now: string): InitiativeState {
  const paused = required(state.paused, 'pause');
  const pausedMs = Math.max(0, Date.parse(now) - Date.parse(paused.since));
  const plan = state.plan && {
    ...state.plan,
    tasks: state.plan.tasks.map((t) => (t.doneAt ? t : { ...t, dueAt: shift(t.dueAt, pausedMs) })),
    trainees: state.plan.trainees.map((t) => (t.completedAt ? t : { ...t, dueAt: shift(t.dueAt, pausedMs) })),
  };
  return {
    ...state,
    phase: transition(state.phase, paused.resumeTo),
    paused: null,
    plan,
    assessmentWindow: shiftWindow(state.assessmentWindow, pausedMs),
    evaluationWindow: shiftWindow(state.evaluationWindow, pausedMs),
    followUps: { ...state.followUps, nextAt: shift(state.followUps.nextAt, pausedMs) },
    approvalReminders: { ...state.approvalReminders, since: shift(state.approvalReminders.since, pausedMs) },
  };
}

export function applyCancel(state: InitiativeState, input: CancelInput, now: string): InitiativeState {
  const atLimit = state.phase === 'CycleLimitReached' || state.paused?.resumeTo === 'CycleLimitReached';
  const outcome = atLimit ? 'cycle-limit-reached' : 'cancelled';
  return {
    ...state,
    phase: transition(state.phase, 'Closed'),
    paused: null,
    closed: { outcome, reason: input.reason.trim(), by: input.actor.user, at: now },
  };
}

/** More cycles; an initiative that had hit the limit goes back to planning its next cycle. */
export function applyExtendCycleLimit(state: InitiativeState, input: ExtendCycleLimitInput): InitiativeState {
  const maxCycles = state.maxCycles + input.additionalCycles;
  if (state.phase === 'Paused' && state.paused?.resumeTo === 'CycleLimitReached') {
    // Extended while paused at the limit: it resumes into planning the next cycle.
    return {
      ...state,
      maxCycles,
      cycle: state.cycle + 1,
      plan: null,
      paused: { ...state.paused, resumeTo: 'Planning' },
    };
  }
  if (state.phase !== 'CycleLimitReached') return { ...state, maxCycles };
  return {
    ...state,
    maxCycles,
    cycle: state.cycle + 1,
    phase: transition(state.phase, 'Planning'),
    plan: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Events from time and measurement (applied by the workflow, never refused)

export function recordBaseline(
  state: InitiativeState,
  baseline: InitiativeState['baseline'],
): InitiativeState {
  return { ...state, baseline, assessmentWindow: null, phase: transition(state.phase, 'Planning') };
}

export function extendAssessment(state: InitiativeState, periodMs: number): InitiativeState {
  const window = required(state.assessmentWindow, 'assessment window');
  const endsAt = new Date(Date.parse(window.endsAt) + periodMs).toISOString();
  return { ...state, assessmentWindow: { ...window, endsAt, extended: true } };
}

export function openEvaluationWindow(
  state: InitiativeState,
  from: string,
  windowMs: number,
): InitiativeState {
  const endsAt = new Date(Date.parse(from) + windowMs).toISOString();
  return {
    ...state,
    phase: transition(state.phase, 'Evaluating'),
    evaluationWindow: { from, endsAt, extended: false },
  };
}

export function extendEvaluationWindow(state: InitiativeState, windowMs: number): InitiativeState {
  const window = required(state.evaluationWindow, 'evaluation window');
  const endsAt = new Date(Date.parse(window.endsAt) + windowMs).toISOString();
  return { ...state, evaluationWindow: { ...window, endsAt, extended: true } };
}

/** Starts the next optimisation cycle, or stops at the policy's limit for the manager to decide. */
function nextCycle(state: InitiativeState, findings: Evaluation): InitiativeState {
  if (state.cycle >= state.maxCycles) {
    return { ...state, phase: transition(state.phase, 'CycleLimitReached'), findings };
  }
  return {
    ...state,
    phase: transition(state.phase, 'Planning'),
    cycle: state.cycle + 1,
    findings,
    plan: null,
    lastRejection: null,
    evaluationWindow: null,
    followUps: { done: state.followUps.done, metInARow: 0, nextAt: null },
    auditSequence: 0,
  };
}

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

export function recordFollowUp(state: InitiativeState, review: Evaluation, now: string): InitiativeState {
  const evaluated = { ...state, evaluations: [...state.evaluations, review] };
  const done = state.followUps.done + 1;
  const interval = state.definition.policy.followUpIntervalMs;
  if (review.inconclusive) {
    // Too few samples to judge: neither counted as held nor as a regression (escalated instead).
    const nextAt = new Date(Date.parse(now) + interval).toISOString();
    return { ...evaluated, followUps: { ...state.followUps, done, nextAt } };
  }
  if (!review.met) return nextCycle({ ...evaluated, followUps: { ...state.followUps, done } }, review);
  const metInARow = state.followUps.metInARow + 1;
  if (metInARow >= state.definition.policy.followUpsToComplete) {
    return {
      ...evaluated,
      phase: transition(state.phase, 'Closed'),
      followUps: { done, metInARow, nextAt: null },
      closed: {
        outcome: 'completed',
        reason: `target held for ${metInARow} follow-up reviews`,
        by: 'system',
        at: now,
      },
    };
  }
  const nextAt = new Date(Date.parse(now) + interval).toISOString();
  return { ...evaluated, followUps: { done, metInARow, nextAt } };
}
