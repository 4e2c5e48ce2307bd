import {
  type ActedAs,
  type Actor,
  type ActorInput,
  type CommandAction,
  type FieldProblem,
  InitiativeErrorCode as Code,
  type InitiativeState,
  type Refusal,
} from '@cio/contracts';
import { holdsAny } from '../actors';

/**
 * One thing a person may ask of an initiative, with everything about it side by side: why it may
 * not happen now, what it changes, and what the audit trail records. The workflow registers every
 * command from one table (./index.ts) and holds no rules of its own.
 */
export interface InitiativeCommand<I extends ActorInput> {
  /** Its one name in the audit trail, accepted or refused. */
  action: CommandAction;
  /** Why it may not happen now, or null. Runs in the update's validator: a refusal writes nothing. */
  refuse(state: InitiativeState, input: I, actor: Actor): Refusal | null;
  /** The person and the role they act in (recorded with the step). */
  actingAs(state: InitiativeState, input: I, actor: Actor): ActedAs;
  /** The next state. Runs for accepted input only (and for recorded input when a history replays). */
  apply(state: InitiativeState, input: I, by: ActedAs, at: string): InitiativeState;
  /** What the audit entry of the accepted step records besides who. */
  details(input: I, next: InitiativeState): Record<string, unknown>;
}

export const refusal = (code: Refusal['code'], message: string, problems?: FieldProblem[]): Refusal => ({
  code,
  message,
  ...(problems ? { problems } : {}),
});

export function refuseIfClosed(state: InitiativeState): Refusal | null {
  return state.phase === 'Closed' ? refusal(Code.INITIATIVE_CLOSED, 'the initiative is closed') : null;
}

export function refuseIfPaused(state: InitiativeState): Refusal | null {
  return state.phase === 'Paused'
    ? refusal(Code.INITIATIVE_PAUSED, 'the initiative is paused; resume it first')
    : null;
}

/** Managing (plans, pause, resume, cancel, more cycles) needs one of the policy's manager roles. */
export function refuseIfNotManager(state: InitiativeState, actor: Actor): Refusal | null {
  const roles = state.definition.policy.managerRoles;
  return holdsAny(actor, roles)
    ? null
    : refusal(Code.ROLE_NOT_ALLOWED, `this needs one of the roles ${roles.join(', ')}`);
}

/** The manager role the actor acts in: the first of theirs the policy names. */
export function managerRole(state: InitiativeState, actor: Actor): string | undefined {
  return actor.roles.find((role) => state.definition.policy.managerRoles.includes(role));
}

export const requireReason = (reason: string | undefined, what: string): Refusal | null =>
  reason?.trim()
    ? null
    : refusal(Code.REASON_REQUIRED, `${what} needs a reason`, [{ field: 'reason', message: 'is required' }]);
