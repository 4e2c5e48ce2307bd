import type { ApprovalPolicy, InitiativeDefinition } from '@cio/contracts';

// The retailer initiative of ../shared/scenarios/retailer.md, for the domain's own specs only (the
// domain may not import libs/testing, whose `retailerInitiative` is the same definition).
const DAY = 86_400_000;

export function retailerDefinition(
  approval: Partial<ApprovalPolicy> = {},
  policy: { maxCycles?: number; followUpsToComplete?: number } = {},
): InitiativeDefinition {
  return {
    id: 'retailer-1',
    title: 'Cut customer response time',
    service: 'customer-support',
    department: 'customer-service',
    owner: 'maria',
    kpis: [
      {
        name: 'response_minutes',
        unit: 'minutes',
        direction: 'lower-is-better',
        aggregate: 'median',
        target: { kind: 'absolute', value: 5 },
      },
    ],
    policy: {
      approval: {
        mode: 'all',
        roles: ['cs-lead', 'change-board'],
        reminderIntervalMs: 2 * DAY,
        maxReminders: 3,
        escalateTo: 'cio',
        ...approval,
      },
      managerRoles: ['improvement-manager'],
      assessmentPeriodMs: 7 * DAY,
      evaluationWindowMs: 14 * DAY,
      minSamples: 30,
      maxCycles: policy.maxCycles ?? 3,
      followUpIntervalMs: 30 * DAY,
      followUpsToComplete: policy.followUpsToComplete ?? 6,
      implementationReminderIntervalMs: 2 * DAY,
      implementationMaxReminders: 3,
    },
  };
}
