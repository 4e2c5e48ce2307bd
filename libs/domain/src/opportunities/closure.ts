import {
  ADMIN_ROLE,
  type Caller,
  type ClosedOutcome,
  type ClosureCode,
  InitiativeErrorCode,
  type InitiativePolicy,
  type Refusal,
} from '@cio/contracts';

/** An initiative's closure code when no one set one: from how it ended. */
export const CLOSURE_CODE_OF_OUTCOME: Readonly<Record<ClosedOutcome, ClosureCode>> = {
  completed: 'successful',
  cancelled: 'withdrawn',
  'cycle-limit-reached': 'unsuccessful',
};

/** The closure code of a closed initiative: the one set on it, else the one its outcome gives. */
export function closureCodeOf(initiative: {
  set: ClosureCode | null;
  closedOutcome: string | null;
}): ClosureCode | null {
  if (initiative.set) return initiative.set;
  const outcome = initiative.closedOutcome;
  return outcome !== null && outcome in CLOSURE_CODE_OF_OUTCOME
    ? CLOSURE_CODE_OF_OUTCOME[outcome as ClosedOutcome]
    : null;
}

/**
 * Who may set a closed initiative's closure code: a holder of one of its manager roles, or an
 * admin. (That it is closed is the register's check.) Null when allowed.
 */
export function refuseClosure(
  caller: Caller,
  policy: Pick<InitiativePolicy, 'managerRoles'>,
): Refusal | null {
  if (caller.roles.includes(ADMIN_ROLE) || caller.roles.some((role) => policy.managerRoles.includes(role))) {
    return null;
  }
  return {
    code: InitiativeErrorCode.ROLE_NOT_ALLOWED,
    message: `setting the closure code needs one of its manager roles (${policy.managerRoles.join(', ')})`,
  };
}
