import {
  type ActedAs,
  ADMIN_ROLE,
  type Caller,
  type FieldProblem,
  type InitiativeDefinition,
  InitiativeErrorCode as Code,
  type Refusal,
} from '@cio/contracts';
import { approvalPolicyProblems } from './approval-policy';

/** What the organisation allows at creation (from configuration). */
export interface CreationRules {
  /** Roles that may create initiatives at all. */
  creatorRoles: readonly string[];
  /** The shortest approval reminder, implementation reminder and follow-up interval a policy may set. */
  minIntervalMs: number;
}

/** Intervals that send people something each time they elapse: the floor keeps a policy from spamming. */
const NUDGING_INTERVALS = [
  ['policy.approval.reminderIntervalMs', (d: InitiativeDefinition) => d.policy.approval.reminderIntervalMs],
  [
    'policy.implementationReminderIntervalMs',
    (d: InitiativeDefinition) => d.policy.implementationReminderIntervalMs,
  ],
  ['policy.followUpIntervalMs', (d: InitiativeDefinition) => d.policy.followUpIntervalMs],
] as const;

/**
 * Who may create this initiative: a holder of a creator role who will also manage it (one of its
 * manager roles), in one of their own departments unless they are an admin. Null when allowed.
 */
export function refuseCreation(
  caller: Caller,
  definition: InitiativeDefinition,
  rules: CreationRules,
): Refusal | null {
  const holds = (roles: readonly string[]) => caller.roles.some((role) => roles.includes(role));
  if (!holds(rules.creatorRoles)) {
    return {
      code: Code.ROLE_NOT_ALLOWED,
      message: `creating an initiative needs one of the roles ${rules.creatorRoles.join(', ')}`,
    };
  }
  if (!holds(definition.policy.managerRoles)) {
    return {
      code: Code.ROLE_NOT_ALLOWED,
      message: `you would not manage this initiative: hold one of its policy.managerRoles (${definition.policy.managerRoles.join(', ')})`,
      problems: [{ field: 'policy.managerRoles', message: 'must include a role you hold' }],
    };
  }
  if (!caller.roles.includes(ADMIN_ROLE) && !caller.departments.includes(definition.department)) {
    return {
      code: Code.DEPARTMENT_NOT_ALLOWED,
      message: `initiatives are created in your own departments (${caller.departments.join(', ') || 'none'}), not in '${definition.department}'`,
      problems: [{ field: 'department', message: 'must be one of your departments' }],
    };
  }
  return null;
}

/**
 * Whom the audit trail names as the creator, and as which role: the manager role of the new
 * initiative the caller holds (refuseCreation makes sure there is one).
 */
export function createdBy(caller: Caller, definition: InitiativeDefinition): ActedAs {
  const { managerRoles } = definition.policy;
  const role = caller.roles.find((r) => managerRoles.includes(r)) ?? managerRoles[0] ?? 'owner';
  return { user: caller.user, role };
}

/** Problems that make a definition unusable, each named by its field; empty when it can run. */
export function definitionProblems(
  definition: InitiativeDefinition,
  rules: Pick<CreationRules, 'minIntervalMs'> = { minIntervalMs: 1 },
): FieldProblem[] {
  const { policy } = definition;
  const problems = approvalPolicyProblems(policy.approval);
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (definition.kpis.length === 0) problem('kpis', 'must name at least one KPI');
  if (new Set(definition.kpis.map((k) => k.name)).size !== definition.kpis.length)
    problem('kpis', 'must have distinct names');
  if (policy.managerRoles.length === 0) problem('policy.managerRoles', 'must name at least one role');
  for (const key of ['assessmentPeriodMs', 'evaluationWindowMs'] as const) {
    if (!(policy[key] > 0)) problem(`policy.${key}`, 'must be positive');
  }
  for (const [field, interval] of NUDGING_INTERVALS) {
    const ms = interval(definition);
    if (!(ms > 0)) problem(field, 'must be positive');
    else if (ms < rules.minIntervalMs)
      problem(field, `must be at least ${rules.minIntervalMs} ms (the organisation's floor)`);
  }
  if (!(policy.maxCycles >= 1)) problem('policy.maxCycles', 'must be at least 1');
  if (!(policy.minSamples >= 1)) problem('policy.minSamples', 'must be at least 1');
  return problems;
}

/** The refusal of a definition with problems, naming every field at fault. */
export function refuseDefinition(definition: InitiativeDefinition, rules: CreationRules): Refusal | null {
  const problems = definitionProblems(definition, rules);
  const first = problems[0];
  if (!first) return null;
  return { code: Code.INVALID_DEFINITION, message: `${first.field} ${first.message}`, problems };
}
