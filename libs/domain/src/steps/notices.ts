import type { InitiativeDefinition, NotificationKind } from '@cio/contracts';
import type { Notice, NoticeFacts } from './step';

type Subjects = { [K in NotificationKind]: (title: string, facts: NoticeFacts[K]) => string };

const overdue = (kind: string) => (title: string, f: { id: string }) =>
  `${kind} '${f.id}' of "${title}" is overdue`;
const due = (kind: string) => (title: string, f: { id: string }) =>
  `Reminder: ${kind} '${f.id}' of "${title}" was due`;

/** The subject line of every kind of notification, in one place (the outbox keeps it). */
const SUBJECTS: Subjects = {
  'approval-reminder': (title, f) =>
    `Plan v${f.planVersion} of "${title}" awaits your approval (reminder ${f.number}/${f.maxReminders})`,
  'approval-escalation': (title, f) =>
    `Plan v${f.planVersion} of "${title}" still lacks approval from ${f.pending.join(', ')}`,
  'task-reminder': due('task'),
  'task-escalation': overdue('task'),
  'training-reminder': due('training'),
  'training-escalation': overdue('training'),
  'baseline-escalation': (_title, f) => `Baseline short of samples: ${f.short.join(', ')}`,
  'evaluation-ready': (_title, f) =>
    `Evaluation of cycle ${f.cycle}: ${f.met ? 'target met' : 'target not met'}`,
  'evaluation-inconclusive': (_title, f) =>
    f.review === undefined
      ? `Evaluation of cycle ${f.cycle} is inconclusive: too few samples for ${f.short.join(', ')}`
      : `Follow-up review ${f.review} is inconclusive: too few samples`,
  'target-met': (title, f) => `"${title}" met its target in cycle ${f.cycle}`,
  regression: (title, f) =>
    `"${title}" regressed at follow-up review ${f.review}: reopened as cycle ${f.reopenedAs}`,
  'cycle-limit-reached': (title, f) =>
    `"${title}" reached its limit of ${f.maxCycles} cycles: extend or close`,
};

export function noticeSubject(definition: Pick<InitiativeDefinition, 'title'>, n: Notice): string {
  const subject = SUBJECTS[n.kind] as (title: string, facts: Notice['facts']) => string;
  return subject(definition.title, n.facts);
}
