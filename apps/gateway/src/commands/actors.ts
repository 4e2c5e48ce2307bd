import type { Actor, InitiativePolicy } from '@cio/contracts';
import { InitiativeErrorCode } from '@cio/contracts';
import { GatewayError } from '../errors/gateway-error';
import type { Principal } from '../auth/principal';

/** The caller as a manager of the initiative: one of its policy's manager roles. */
export function managerActor(principal: Principal, policy: InitiativePolicy): Actor {
  const role = principal.roles.find((r) => policy.managerRoles.includes(r));
  if (!role) {
    throw GatewayError.forbidden(
      InitiativeErrorCode.ROLE_NOT_ALLOWED,
      `this needs one of the roles ${policy.managerRoles.join(', ')}`,
    );
  }
  return {
    user: principal.user,
    role,
    ...(principal.departments[0] ? { department: principal.departments[0] } : {}),
  };
}

/** The caller as an approver: the role they name, or their only role the approval policy names. */
export function approverActor(principal: Principal, policy: InitiativePolicy, requested?: string): Actor {
  const approving = principal.roles.filter((r) => policy.approval.roles.includes(r));
  if (requested !== undefined && !principal.roles.includes(requested)) {
    throw GatewayError.forbidden('ROLE_NOT_HELD', `you do not hold the role '${requested}'`);
  }
  const role = requested ?? (approving.length === 1 ? approving[0] : undefined);
  if (requested === undefined && approving.length === 0) {
    throw GatewayError.forbidden(
      InitiativeErrorCode.ROLE_NOT_IN_POLICY,
      `approval of this initiative needs one of the roles ${policy.approval.roles.join(', ')}`,
    );
  }
  if (!role) {
    throw GatewayError.invalid('you hold several approving roles: say which one you decide as', [
      { field: 'role', message: `one of ${approving.join(', ')}` },
    ]);
  }
  return { user: principal.user, role };
}

/** The caller as a member of a department that owns a task. */
export function departmentActor(principal: Principal, department: string | undefined): Actor {
  if (!department || !principal.departments.includes(department)) {
    throw GatewayError.forbidden(
      InitiativeErrorCode.DEPARTMENT_NOT_RESPONSIBLE,
      department ? `the task belongs to department '${department}'` : 'the task is not in the current plan',
    );
  }
  return { user: principal.user, role: principal.roles[0] ?? 'member', department };
}

/** The caller as themselves (a trainee confirms their own training). */
export function personActor(principal: Principal, person: string): Actor {
  if (principal.user !== person) {
    throw GatewayError.forbidden(
      InitiativeErrorCode.NOT_THE_TRAINEE,
      'only the trainee confirms their training',
    );
  }
  return {
    user: principal.user,
    role: principal.roles[0] ?? 'member',
    ...(principal.departments[0] ? { department: principal.departments[0] } : {}),
  };
}
