import type { ApprovalPolicy, Decision, FieldProblem, InitiativePolicy } from '@cio/contracts';

/** How many approvals the policy needs: all roles, any one, or N of M. */
export function approvalsRequired(policy: ApprovalPolicy): number {
  switch (policy.mode) {
    case 'all':
      return policy.roles.length;
    case 'any':
      return 1;
    case 'quorum':
      return Math.min(Math.max(policy.quorum ?? 1, 1), policy.roles.length);
  }
}

/** Roles of the policy that approved this plan version (each role counts once). */
export function approvingRoles(
  policy: ApprovalPolicy,
  decisions: readonly Decision[],
  planVersion: number,
): string[] {
  const roles = new Set(
    decisions
      .filter(
        (d) => d.planVersion === planVersion && d.decision === 'approved' && policy.roles.includes(d.role),
      )
      .map((d) => d.role),
  );
  return policy.roles.filter((role) => roles.has(role));
}

export function quorumReached(
  policy: ApprovalPolicy,
  decisions: readonly Decision[],
  planVersion: number,
): boolean {
  return approvingRoles(policy, decisions, planVersion).length >= approvalsRequired(policy);
}

/** Roles still to decide on this version: the ones reminders go to. */
export function pendingRoles(
  policy: ApprovalPolicy,
  decisions: readonly Decision[],
  planVersion: number,
): string[] {
  const decided = new Set(decisions.filter((d) => d.planVersion === planVersion).map((d) => d.role));
  return policy.roles.filter((role) => !decided.has(role));
}

/** A policy that can never be satisfied is refused at creation. */
export function approvalPolicyProblems(policy: ApprovalPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (policy.roles.length === 0)
    problems.push({ field: 'policy.approval.roles', message: 'must name at least one role' });
  if (new Set(policy.roles).size !== policy.roles.length)
    problems.push({ field: 'policy.approval.roles', message: 'must not repeat a role' });
  if (policy.mode === 'quorum') {
    const quorum = policy.quorum ?? 0;
    if (!Number.isInteger(quorum) || quorum < 1 || quorum > policy.roles.length) {
      problems.push({
        field: 'policy.approval.quorum',
        message: 'must be a whole number between 1 and the number of roles',
      });
    }
  }
  return problems;
}

/** Every role a policy names (approvers, managers, escalation): holders of one may read the initiative. */
export function policyRoles(policy: InitiativePolicy): string[] {
  return [...new Set([...policy.approval.roles, ...policy.managerRoles, policy.approval.escalateTo])];
}
