import { ADMIN_ROLE, type Actor, InitiativeErrorCode, type Refusal } from '@cio/contracts';

/** What decides who may record an initiative's data: what never changes about it. */
export interface MeasuredInitiative {
  department: string;
  /** Every role its policy names (see policyRoles). */
  policyRoles: readonly string[];
}

/**
 * Who may push an initiative's measurements: its department (its people and the monitoring tools
 * acting for it), the roles its policy names, and admins. A department or person that sees the
 * initiative because a plan involves them reads it; its KPIs are not theirs to record.
 */
export function refuseMeasurements(
  initiative: MeasuredInitiative,
  actor: Pick<Actor, 'roles' | 'departments'>,
): Refusal | null {
  if (actor.roles.includes(ADMIN_ROLE)) return null;
  if (actor.departments.includes(initiative.department)) return null;
  if (actor.roles.some((role) => initiative.policyRoles.includes(role))) return null;
  return {
    code: InitiativeErrorCode.ROLE_NOT_ALLOWED,
    message: `measurements of this initiative are recorded by department '${initiative.department}', the roles its policy names (${initiative.policyRoles.join(', ')}) or an admin`,
  };
}
