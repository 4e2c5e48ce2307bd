import type { EntityManager } from 'typeorm';
import type { AssignmentKind, WaitingOn } from '@cio/contracts';

/** The waits whose opening tells the people they wait on, and the kind it is told under. */
const ASSIGNMENT_OF_WAIT: Partial<Record<WaitingOn['kind'], AssignmentKind>> = {
  approval: 'approval-requested',
  task: 'task-assigned',
  training: 'training-assigned',
};

const sameWait = (a: WaitingOn, b: WaitingOn) =>
  a.kind === b.kind &&
  (a.subject ?? null) === (b.subject ?? null) &&
  (a.who.role ?? null) === (b.who.role ?? null) &&
  (a.who.department ?? null) === (b.who.department ?? null) &&
  (a.who.person ?? null) === (b.who.person ?? null);

function subjectOf(kind: AssignmentKind, title: string, wait: WaitingOn): string {
  switch (kind) {
    case 'approval-requested':
      return `The ${wait.subject ?? 'plan'} of "${title}" awaits your approval`;
    case 'task-assigned':
      return `Task '${wait.subject ?? ''}' of "${title}" is yours to complete`;
    case 'training-assigned':
      return `Training for "${title}" awaits ${wait.who.person ?? 'you'}`;
  }
}

/**
 * Tells people of a wait that opens on them: a plan to approve, a task, a training. Written by the
 * register's projection of the step that opened it (in its transaction, under the initiative's
 * row lock), so the workflow's history is unchanged; the key names the cycle and the wait, so a
 * retried step, or a wait reopened by a resume, writes each once. `before` is the register's
 * waits before the step.
 */
export async function enqueueAssignments(
  tx: EntityManager,
  step: { workflowId: string; initiativeId: string; cycle: number; sequence: number },
  title: string,
  before: readonly WaitingOn[],
  after: readonly WaitingOn[],
): Promise<void> {
  const opened = after.flatMap((wait) => {
    const kind = ASSIGNMENT_OF_WAIT[wait.kind];
    if (!kind || before.some((old) => sameWait(old, wait))) return [];
    const target = wait.who.role ?? wait.who.department ?? wait.who.person ?? '';
    return [
      {
        // Once per cycle and wait: a wait that closes and opens again (a pause, then a resume)
        // is not told twice; a new plan version is a new wait (its subject names the version).
        key: `${step.workflowId}:c${step.cycle}:${kind}:${target}:${wait.subject ?? ''}`,
        kind,
        role: wait.who.role ?? null,
        department: wait.who.department ?? null,
        person: wait.who.person ?? null,
        subject: subjectOf(kind, title, wait),
        payload: { title, wait },
        facts: { subject: wait.subject ?? null, since: wait.since, dueAt: wait.dueAt },
      },
    ];
  });
  if (opened.length === 0) return;
  await tx.query(
    `INSERT INTO notifications
       (key, initiative_id, kind, recipient_role, recipient_department, recipient_person, subject, payload, facts)
     SELECT n.key, $1, n.kind, n.role, n.department, n.person, n.subject, n.payload, n.facts
       FROM jsonb_to_recordset($2::jsonb)
            AS n(key text, kind text, role text, department text, person text, subject text, payload jsonb, facts jsonb)
     ON CONFLICT (key) DO NOTHING`,
    [step.initiativeId, JSON.stringify(opened)],
  );
}
