import {
  type ApprovePlanInput,
  type Actor,
  type Decision,
  InitiativeErrorCode as Code,
  type InitiativeState,
  type Refusal,
  type RejectPlanInput,
} from '@cio/contracts';
import { actedAs } from '../actors';
import { quorumReached } from '../approval-policy';
import { required } from '../invariant';
import { transition } from '../phases';
import { type InitiativeCommand, refusal, refuseIfClosed, refuseIfPaused, requireReason } from './command';

/**
 * The role a decision is made as: the one the actor names, else their only role the approval
 * policy names. A refusal when they name a role they do not hold, hold none, or hold several.
 */
function decidingRole(state: InitiativeState, actor: Actor): { role: string } | Refusal {
  const approvers = state.definition.policy.approval.roles;
  if (actor.role !== undefined) {
    if (!actor.roles.includes(actor.role))
      return refusal(Code.ROLE_NOT_HELD, `you do not hold the role '${actor.role}'`);
    if (!approvers.includes(actor.role))
      return refusal(Code.ROLE_NOT_IN_POLICY, `role '${actor.role}' is not an approver of this initiative`);
    return { role: actor.role };
  }
  const held = actor.roles.filter((role) => approvers.includes(role));
  const [only] = held;
  if (only === undefined)
    return refusal(Code.ROLE_NOT_IN_POLICY, `a decision needs one of the roles ${approvers.join(', ')}`);
  if (held.length > 1)
    return refusal(Code.INVALID_INPUT, 'you hold several approving roles: say which one you decide as', [
      { field: 'role', message: `one of ${held.join(', ')}` },
    ]);
  return { role: only };
}

function refuseDecision(state: InitiativeState, actor: Actor, planVersion: number): Refusal | null {
  const closed = refuseIfClosed(state);
  if (closed) return closed;
  const deciding = decidingRole(state, actor);
  if ('code' in deciding) return deciding;
  const paused = refuseIfPaused(state);
  if (paused) return paused;
  const plan = state.plan;
  if (state.phase !== 'AwaitingApproval' || !plan)
    return refusal(Code.PLAN_NOT_AWAITING_APPROVAL, `no plan awaits approval (phase ${state.phase})`);
  if (planVersion !== plan.version)
    return refusal(
      Code.PLAN_VERSION_SUPERSEDED,
      `plan version ${planVersion} was superseded; version ${plan.version} awaits approval`,
    );
  if (plan.decisions.some((d) => d.role === deciding.role))
    return refusal(
      Code.ROLE_ALREADY_DECIDED,
      `role '${deciding.role}' already decided on plan version ${planVersion}`,
    );
  return null;
}

/** A rejection sends the plan back for rework; an approval counts towards the policy's quorum. */
function decide(state: InitiativeState, decision: Decision): InitiativeState {
  const plan = required(state.plan, 'plan');
  const decisions = [...plan.decisions, decision];
  const reset = { remindersSent: 0, escalated: false, since: null };
  if (decision.decision === 'rejected') {
    return {
      ...state,
      phase: transition(state.phase, 'Planning'),
      plan: { ...plan, decisions },
      lastRejection: decision,
      approvalReminders: reset,
    };
  }
  const approved = quorumReached(state.definition.policy.approval, decisions, plan.version);
  return {
    ...state,
    phase: approved ? transition(state.phase, 'Implementing') : state.phase,
    plan: { ...plan, decisions, approvedAt: approved ? decision.at : null },
    approvalReminders: approved ? reset : state.approvalReminders,
  };
}

const decidingAs = (state: InitiativeState, _input: unknown, actor: Actor) => {
  const deciding = decidingRole(state, actor);
  return actedAs(actor, 'role' in deciding ? deciding.role : undefined);
};

export const approvePlan: InitiativeCommand<ApprovePlanInput> = {
  action: 'approve-plan',
  refuse: (state, input, actor) => refuseDecision(state, actor, input.planVersion),
  actingAs: decidingAs,
  apply: (state, input, by, at) =>
    decide(state, {
      role: by.role,
      by: by.user,
      ...(by.onBehalfOf ? { onBehalfOf: by.onBehalfOf } : {}),
      decision: 'approved',
      ...(input.comment ? { reason: input.comment } : {}),
      at,
      planVersion: input.planVersion,
    }),
  details: (input) => ({
    planVersion: input.planVersion,
    ...(input.comment ? { comment: input.comment } : {}),
  }),
};

export const rejectPlan: InitiativeCommand<RejectPlanInput> = {
  action: 'reject-plan',
  refuse: (state, input, actor) =>
    refuseDecision(state, actor, input.planVersion) ?? requireReason(input.reason, 'a rejection'),
  actingAs: decidingAs,
  apply: (state, input, by, at) =>
    decide(state, {
      role: by.role,
      by: by.user,
      ...(by.onBehalfOf ? { onBehalfOf: by.onBehalfOf } : {}),
      decision: 'rejected',
      reason: input.reason.trim(),
      at,
      planVersion: input.planVersion,
    }),
  details: (input) => ({ planVersion: input.planVersion, reason: input.reason }),
};
