import type { Actor, InitiativeState } from '@cio/contracts';
import { policyRoles } from './approval-policy';
import { commands } from './commands';
import { refuseMeasurements } from './measurement-rights';
import { refuseClosure } from './opportunities/closure';

/** What a person may do to an initiative now: the pages show these actions, and only these. */
export interface PermittedActions {
  submitPlan: boolean;
  /** Decide on the plan version awaiting approval, as one of these roles. */
  decide: { planVersion: number; roles: string[] } | null;
  /** Task ids and trainees the person may confirm. */
  completeTasks: string[];
  completeTrainings: string[];
  pause: boolean;
  resume: boolean;
  cancel: boolean;
  extendCycleLimit: boolean;
  /** Push measurements of its KPIs (feedback is open to everyone who sees it). */
  pushMeasurements: boolean;
  /** Set the closure code and achieved benefit of the closed initiative. */
  setClosure: boolean;
}

/** A plan with nothing wrong with it: only who and when decide whether one may be submitted. */
const SOUND_PLAN = {
  measures: [{ title: 'plan', kind: 'process' as const, department: 'any' }],
  tasks: [],
  trainees: [],
};

/**
 * Asks each command whether it would refuse the person now, with the inputs a page would send:
 * the same rules the initiative applies when they act (the gateway and the workflow still decide).
 */
export function permittedActions(state: InitiativeState, actor: Actor): PermittedActions {
  const allowed = (refusal: unknown) => refusal === null;
  const plan = state.plan;
  const decidingRoles = plan
    ? actor.roles.filter((role) =>
        allowed(
          commands.approvePlan.refuse(
            state,
            { actor: { ...actor, role }, planVersion: plan.version },
            { ...actor, role },
          ),
        ),
      )
    : [];
  return {
    submitPlan: allowed(commands.submitPlan.refuse(state, { actor, plan: SOUND_PLAN }, actor)),
    decide: plan && decidingRoles.length > 0 ? { planVersion: plan.version, roles: decidingRoles } : null,
    completeTasks: (plan?.tasks ?? [])
      .filter((t) => allowed(commands.completeTask.refuse(state, { actor, taskId: t.id }, actor)))
      .map((t) => t.id),
    completeTrainings: (plan?.trainees ?? [])
      .filter((t) => allowed(commands.completeTraining.refuse(state, { actor, person: t.person }, actor)))
      .map((t) => t.person),
    pause: allowed(commands.pause.refuse(state, { actor, reason: 'a reason' }, actor)),
    resume: allowed(commands.resume.refuse(state, { actor }, actor)),
    cancel: allowed(commands.cancel.refuse(state, { actor, reason: 'a reason' }, actor)),
    extendCycleLimit:
      state.phase === 'CycleLimitReached' &&
      allowed(commands.extendCycleLimit.refuse(state, { actor, additionalCycles: 1 }, actor)),
    pushMeasurements: allowed(
      refuseMeasurements(
        { department: state.definition.department, policyRoles: policyRoles(state.definition.policy) },
        actor,
      ),
    ),
    setClosure: state.phase === 'Closed' && allowed(refuseClosure(actor, state.definition.policy)),
  };
}
