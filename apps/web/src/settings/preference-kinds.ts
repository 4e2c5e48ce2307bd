// The kinds of notification a person chooses how to hear of, in the groups the settings show.
import type { DeliveryMode, PreferenceKind } from '../api/types';

/** The digest itself: sent (`immediate`) or not (`off`). */
export const DIGEST_KIND = 'daily-digest' satisfies PreferenceKind;
export type MailKind = Exclude<PreferenceKind, typeof DIGEST_KIND>;

export const DELIVERY_MODES: readonly DeliveryMode[] = ['immediate', 'digest', 'off'];

export type KindGroup = 'assigned' | 'reminders' | 'results';
export const KIND_GROUPS: readonly KindGroup[] = ['assigned', 'reminders', 'results'];

/** Each kind's group, in the order shown (every kind: the type says so). */
const GROUP_OF: Record<MailKind, KindGroup> = {
  'approval-requested': 'assigned',
  'task-assigned': 'assigned',
  'training-assigned': 'assigned',
  'approval-reminder': 'reminders',
  'approval-escalation': 'reminders',
  'task-reminder': 'reminders',
  'task-escalation': 'reminders',
  'training-reminder': 'reminders',
  'training-escalation': 'reminders',
  'baseline-escalation': 'reminders',
  'evaluation-ready': 'results',
  'evaluation-inconclusive': 'results',
  'target-met': 'results',
  regression: 'results',
  'cycle-limit-reached': 'results',
};

export function kindsOf(group: KindGroup): MailKind[] {
  return (Object.keys(GROUP_OF) as MailKind[]).filter((kind) => GROUP_OF[kind] === group);
}
