import { z } from 'zod';
import { type DigestPayload, type MailKind, WAIT_KINDS } from '@cio/contracts';
import type { MailFacts } from './email-catalogue';

/**
 * The facts a notification was stored with, read back for the email: a row written by another
 * version (or by hand) may lack them or hold something else, and then the email falls back to the
 * stored English subject rather than saying "undefined".
 */
const names = z.array(z.string());
const count = z.number().int();

const FACTS: { [K in MailKind]: z.ZodType<MailFacts[K]> } = {
  'approval-reminder': z.object({ planVersion: count, number: count, maxReminders: count }),
  'approval-escalation': z.object({ planVersion: count, pending: names }),
  'task-reminder': z.object({ id: z.string() }),
  'task-escalation': z.object({ id: z.string() }),
  'training-reminder': z.object({ id: z.string() }),
  'training-escalation': z.object({ id: z.string() }),
  'baseline-escalation': z.object({ short: names }),
  'evaluation-ready': z.object({ cycle: count, met: z.boolean() }),
  'evaluation-inconclusive': z.object({ cycle: count, short: names, review: count.optional() }),
  'target-met': z.object({ cycle: count }),
  regression: z.object({ review: count, reopenedAs: count }),
  'cycle-limit-reached': z.object({ maxCycles: count }),
  'approval-requested': z.object({ subject: z.string().nullable() }),
  'task-assigned': z.object({ subject: z.string().nullable() }),
  'training-assigned': z.object({ subject: z.string().nullable() }),
};

/** A kind the email speaks of, with its facts as they must be. */
export type KnownFacts = { [K in MailKind]: { kind: K; facts: MailFacts[K] } }[MailKind];

export function isMailKind(kind: string): kind is MailKind {
  return Object.hasOwn(FACTS, kind);
}

/**
 * The facts of a notification, if its kind is one emails speak of and they are as that kind
 * states them. An assignment written without facts states its wait's subject in its payload.
 */
export function readFacts(
  kind: string,
  facts: Record<string, unknown> | null,
  payload: Record<string, unknown>,
): KnownFacts | undefined {
  if (!isMailKind(kind)) return undefined;
  const stated = facts ?? assignmentFacts(payload);
  const parsed = FACTS[kind].safeParse(stated);
  return parsed.success ? ({ kind, facts: parsed.data } as KnownFacts) : undefined;
}

const waitInPayload = z.object({ wait: z.object({ subject: z.string().optional() }) });

function assignmentFacts(payload: Record<string, unknown>): unknown {
  const parsed = waitInPayload.safeParse(payload);
  return parsed.success ? { subject: parsed.data.wait.subject ?? null } : undefined;
}

const who = z.object({
  role: z.string().optional(),
  department: z.string().optional(),
  person: z.string().optional(),
});
const digestLine = z.object({
  initiativeId: z.string(),
  title: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  who,
  since: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  onBehalfOf: z.string().nullable(),
});
const DIGEST: z.ZodType<DigestPayload> = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  waiting: z.array(digestLine),
  overdue: z.array(digestLine),
  notices: z.array(
    z.object({
      kind: z.string(),
      initiativeId: z.string().nullable(),
      title: z.string().nullable(),
      subject: z.string(),
      at: z.string(),
    }),
  ),
});

/** A digest's payload, if it is one. */
export function readDigest(payload: Record<string, unknown>): DigestPayload | undefined {
  const parsed = DIGEST.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}

/** A wait kind the catalogue names (a digest line's kind is free text). */
export function isWaitKind(kind: string): kind is (typeof WAIT_KINDS)[number] {
  return (WAIT_KINDS as readonly string[]).includes(kind);
}
