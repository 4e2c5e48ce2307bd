import { ADMIN_ROLE, type Caller, InitiativeErrorCode as Code, type Refusal } from '@cio/contracts';

/**
 * Who may triage an opportunity (accept, decline, mark as a duplicate, promote): its department's
 * improvement managers, that is a holder of a creator role in the opportunity's department, or an
 * admin. Null when allowed.
 */
export function refuseTriage(
  caller: Caller,
  opportunity: { department: string },
  managerRoles: readonly string[],
): Refusal | null {
  if (caller.roles.includes(ADMIN_ROLE)) return null;
  if (!caller.roles.some((role) => managerRoles.includes(role))) {
    return {
      code: Code.ROLE_NOT_ALLOWED,
      message: `triaging an opportunity needs one of the roles ${managerRoles.join(', ')}`,
    };
  }
  if (!caller.departments.includes(opportunity.department)) {
    return {
      code: Code.DEPARTMENT_NOT_ALLOWED,
      message: `opportunities are triaged by their own department's managers ('${opportunity.department}'), not by ${caller.departments.join(', ') || 'no department'}`,
    };
  }
  return null;
}

/** The role a triage is recorded under: the first manager role the caller holds. */
export function triagedAs(caller: Caller, managerRoles: readonly string[]): string {
  return caller.roles.find((role) => managerRoles.includes(role)) ?? ADMIN_ROLE;
}
