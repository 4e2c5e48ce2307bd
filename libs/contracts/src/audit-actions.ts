/**
 * One vocabulary for what happens to an initiative: the audit trail, the refusals the gateway
 * records, the notifications and the API all use these names.
 *
 * What people ask of an initiative. Each is recorded under its one name, whether it was accepted
 * (by the workflow, with the request id) or refused (by the gateway or the workflow's validator).
 */
export const COMMAND_ACTIONS = [
  'create-initiative',
  'submit-plan',
  'approve-plan',
  'reject-plan',
  'complete-task',
  'complete-training',
  'pause',
  'resume',
  'cancel',
  'extend-cycle-limit',
  /** A closed initiative's closure code and achieved benefit, set by a manager (gateway-recorded). */
  'set-closure',
  /** Refusals only: accepted pushes are data, not audit entries. */
  'push-measurements',
] as const;
export type CommandAction = (typeof COMMAND_ACTIONS)[number];

/** Why the initiative was told something, or told someone: the kinds of the notification outbox. */
export const NOTIFICATION_KINDS = [
  'approval-reminder',
  'approval-escalation',
  'task-reminder',
  'task-escalation',
  'training-reminder',
  'training-escalation',
  'baseline-escalation',
  'evaluation-ready',
  'evaluation-inconclusive',
  'target-met',
  'regression',
  'cycle-limit-reached',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a notification reaches its audience: a subscriber's webhook, or a person's email. */
export const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** A delivery's status as the outbox stores it (the table's CHECK constraint lists the same). */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Steps the initiative takes by itself, driven by time and measurements. A reminder or an
 * escalation of an approval is audited under its notification kind.
 */
export const STEP_ACTIONS = [
  'baseline-recorded',
  'assessment-extended',
  'approval-reminder',
  'approval-escalation',
  'implementation-nudged',
  'evaluation-window-opened',
  'evaluation-window-extended',
  'evaluation-recorded',
  'follow-up-recorded',
] as const satisfies readonly (string | NotificationKind)[];
export type StepAction = (typeof STEP_ACTIONS)[number];

export const AUDIT_ACTIONS = [...COMMAND_ACTIONS, ...STEP_ACTIONS] as const;
export type AuditAction = CommandAction | StepAction;

/**
 * Names the audit trail used before this vocabulary (accepted commands were past-tense events,
 * their refusals verbs). Entries written under them are read under the current name.
 */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  'initiative-created': 'create-initiative',
  'plan-submitted': 'submit-plan',
  'plan-approved': 'approve-plan',
  'plan-rejected': 'reject-plan',
  'task-completed': 'complete-task',
  'training-completed': 'complete-training',
  paused: 'pause',
  resumed: 'resume',
  closed: 'cancel',
  'cycle-limit-extended': 'extend-cycle-limit',
  'approval-reminder-sent': 'approval-reminder',
  'approval-escalated': 'approval-escalation',
};

/** The current name of an action read from the register, which may hold a legacy one. */
export function currentAuditAction(name: string): string {
  return LEGACY_AUDIT_ACTIONS[name] ?? name;
}
