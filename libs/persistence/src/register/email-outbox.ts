import type { DataSource, EntityManager } from 'typeorm';
import {
  DIGEST_KIND,
  type DeliveryMode,
  type DeliveryStatus,
  type Locale,
  type WaitingOn,
  type WaitWho,
} from '@cio/contracts';
import { resolveRecipientsOfEach } from './people';
import { recordDeliveryAttempt } from './notification-outbox';

/**
 * The email side of the notification outbox: each notification fanned out once to the people its
 * wait reaches (a delivery per person, channel 'email'), then those deliveries claimed for an
 * attempt with a lease, as the webhook deliveries are.
 */

/**
 * A notification older than this when the fan-out first sees it is not emailed: it was written
 * while email was off (or before it existed), and a stale reminder in every inbox helps nobody.
 */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The last error of an email delivery to someone the directory has no address for. */
export const NO_EMAIL_ADDRESS = 'no email address in the directory';
/** The last error of an email delivery to someone it no longer reaches (a delegation ended, a role left). */
export const NO_LONGER_REACHED = 'no longer reached: their delegation ended or they left the role';

interface Unemailed {
  id: string;
  kind: string;
  stale: boolean;
  role: string | null;
  department: string | null;
  person: string | null;
}

/**
 * Fans up to `batchSize` notifications out to email, in one transaction so that two dispatchers
 * never fan one out twice: each person it reaches (delegates included) who chose `immediate` for
 * its kind gets a delivery; `digest` and `off` get none (a digest itself is suppressed by `off`
 * only); one older than a day gets none (STALE_AFTER_MS). Returns how many notifications it took.
 *
 * `afterWebhooks`: with webhooks configured, a notification of an initiative waits for its
 * webhook deliveries to exist first, or its emails could finish it (status delivered) before the
 * webhook fan-out, which only takes pending notifications, ever saw it.
 */
export async function fanOutEmails(
  db: DataSource,
  options: { batchSize: number; afterWebhooks: boolean },
): Promise<number> {
  return db.transaction(async (tx) => {
    const batch: Unemailed[] = await tx.query(
      `SELECT n.id::text AS id, n.kind, n.recipient_role AS role, n.recipient_department AS department,
              n.recipient_person AS person,
              n.created_at < now() - $3::float8 * interval '1 millisecond' AS stale
         FROM notifications n
        WHERE n.emailed_at IS NULL
          AND (NOT $2::boolean OR n.initiative_id IS NULL OR EXISTS (
                SELECT 1 FROM notification_deliveries w WHERE w.notification_id = n.id AND w.channel = 'webhook'))
        ORDER BY n.created_at, n.id
        LIMIT $1
        FOR UPDATE OF n SKIP LOCKED`,
      [options.batchSize, options.afterWebhooks, STALE_AFTER_MS],
    );
    if (batch.length === 0) return 0;

    // Whom each notification reaches, then everyone's choices: one read each for the batch.
    // Someone without an address is not written to: the directory's gap, not a failed send
    // (the waits that reach nobody with an address show on the initiative and in the metrics).
    const fresh = batch.filter((n) => !n.stale);
    const recipients = await resolveRecipientsOfEach(tx, fresh.map(whomOf));
    const reached = fresh.map((n, i) => ({
      n,
      people: (recipients[i] ?? [])
        // A digest goes to its person only, never to a delegate.
        .filter((p) => p.email !== null && (n.kind !== DIGEST_KIND || p.onBehalfOf === null))
        .map((p) => p.id),
    }));
    const modes = await preferencesOf(tx, [...new Set(reached.flatMap((r) => r.people))]);
    const targets = { notifications: [] as string[], people: [] as string[] };
    for (const { n, people } of reached) {
      for (const person of people) {
        const mode = modes.get(person)?.[n.kind];
        const wanted = n.kind === DIGEST_KIND ? mode !== 'off' : (mode ?? 'immediate') === 'immediate';
        if (!wanted) continue;
        targets.notifications.push(n.id);
        targets.people.push(person);
      }
    }
    if (targets.people.length > 0) {
      await tx.query(
        `INSERT INTO notification_deliveries (notification_id, channel, person_id)
         SELECT t.notification_id, 'email', t.person_id
           FROM unnest($1::bigint[], $2::text[]) AS t(notification_id, person_id)
         ON CONFLICT (notification_id, person_id) WHERE channel = 'email' DO NOTHING`,
        [targets.notifications, targets.people],
      );
    }
    // A notification its webhooks already finished is pending again while its emails are.
    await tx.query(
      `UPDATE notifications n
          SET emailed_at = now(),
              status = CASE WHEN n.id = ANY($2::bigint[]) THEN 'pending' ELSE n.status END,
              delivered_at = CASE WHEN n.id = ANY($2::bigint[]) THEN NULL ELSE n.delivered_at END
        WHERE n.id = ANY($1::bigint[])`,
      [batch.map((n) => n.id), [...new Set(targets.notifications)]],
    );
    return batch.length;
  });
}

/** The choices of each of `people` who made any (kinds not named are `immediate`). */
async function preferencesOf(
  db: EntityManager,
  people: string[],
): Promise<Map<string, Record<string, DeliveryMode | undefined>>> {
  const modes = new Map<string, Record<string, DeliveryMode | undefined>>();
  if (people.length === 0) return modes;
  const rows: { person: string; kind: string; mode: DeliveryMode }[] = await db.query(
    `SELECT person_id AS person, kind, mode FROM notification_preferences WHERE person_id = ANY($1::text[])`,
    [people],
  );
  for (const { person, kind, mode } of rows) modes.set(person, { ...modes.get(person), [kind]: mode });
  return modes;
}

/** Whom a notification is for: its wait's who (and their delegates), or a digest's one person. */
function whomOf(n: Unemailed): WaitWho {
  if (n.kind === DIGEST_KIND) return n.person ? { person: n.person } : {};
  return whoOf(n);
}

function whoOf(n: Pick<Unemailed, 'role' | 'department' | 'person'>): WaitWho {
  return {
    ...(n.role ? { role: n.role } : {}),
    ...(n.department ? { department: n.department } : {}),
    ...(n.person ? { person: n.person } : {}),
  };
}

/** An email delivery claimed for an attempt, with what composing the message needs. */
export interface DueEmail {
  id: string;
  /** Attempts before this one. */
  attempts: number;
  notification: {
    id: string;
    key: string;
    kind: string;
    /** The English subject the outbox keeps (the fallback when its facts are missing). */
    subject: string;
    payload: Record<string, unknown>;
    facts: Record<string, unknown> | null;
    /** Whom the notification was for (a digest: its person). */
    to: WaitWho;
    createdAt: Date;
  };
  /** The person as the directory knows them now; email null when it has none (or lost them). */
  person: { id: string; email: string | null; displayName: string | null; locale: Locale };
  /** Set when the person is reached as a delegate: the one they stand in for. */
  onBehalfOf: { id: string; displayName: string | null } | null;
  /**
   * Whether the notification still reaches the person now: one whose delegation ended, or who
   * left the role, since it was fanned out is not written to (a digest always reaches its person).
   */
  stillReached: boolean;
  /** The initiative as the register has it now; null for a digest. */
  initiative: { id: string; title: string; waitingOn: WaitingOn[] } | null;
}

interface ClaimedRow {
  id: string;
  attempts: number;
  notification_id: string;
  key: string;
  kind: string;
  subject: string;
  payload: Record<string, unknown>;
  facts: Record<string, unknown> | null;
  role: string | null;
  department: string | null;
  recipient_person: string | null;
  created_at: Date;
  person_id: string;
  email: string | null;
  display_name: string | null;
  locale: Locale | null;
  initiative_id: string | null;
  title: string | null;
  waiting_on: WaitingOn[] | null;
}

/**
 * Leases due email deliveries to the caller by moving their next attempt past the lease; rows
 * another dispatcher is claiming are skipped (FOR UPDATE SKIP LOCKED). Whether someone is reached
 * as a delegate is worked out now, from the delegations running now.
 */
export async function claimDueEmails(
  db: DataSource,
  claim: { batchSize: number; leaseMs: number },
): Promise<DueEmail[]> {
  const rows: ClaimedRow[] = await db.query(
    `WITH due AS (
       SELECT id FROM notification_deliveries
        WHERE status = 'pending' AND next_attempt_at <= now() AND channel = 'email'
        ORDER BY next_attempt_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notification_deliveries d
          SET next_attempt_at = now() + $2::float8 * interval '1 millisecond'
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.attempts, d.notification_id, d.person_id)
     SELECT c.id::text AS id, c.attempts, n.id::text AS notification_id, n.key, n.kind, n.subject,
            n.payload, n.facts, n.recipient_role AS role, n.recipient_department AS department,
            n.recipient_person, n.created_at, c.person_id, p.email, p.display_name, p.locale,
            i.id AS initiative_id, i.title, i.waiting_on
       FROM claimed c
       JOIN notifications n ON n.id = c.notification_id
       LEFT JOIN people p ON p.id = c.person_id
       LEFT JOIN initiatives i ON i.id = n.initiative_id
      ORDER BY c.id`,
    [claim.batchSize, claim.leaseMs],
  );
  // Whom each claimed notification reaches now, in one statement for the batch.
  const notices = [
    ...new Map(rows.filter((r) => r.kind !== DIGEST_KIND).map((r) => [r.notification_id, r])).values(),
  ];
  const resolved = await resolveRecipientsOfEach(
    db,
    notices.map((row) => whoOf(asWho(row))),
  );
  const reachedBy = new Map(notices.map((row, i) => [row.notification_id, resolved[i] ?? []]));
  return rows.map((row): DueEmail => {
    const people = reachedBy.get(row.notification_id) ?? [];
    const now = people.find((r) => r.id === row.person_id);
    const delegator = now?.onBehalfOf ?? null;
    return {
      id: row.id,
      attempts: row.attempts,
      notification: {
        id: row.notification_id,
        key: row.key,
        kind: row.kind,
        subject: row.subject,
        payload: row.payload,
        facts: row.facts,
        to: whoOf(asWho(row)),
        createdAt: row.created_at,
      },
      person: {
        id: row.person_id,
        email: row.email,
        displayName: row.display_name,
        locale: row.locale ?? 'en',
      },
      onBehalfOf: delegator
        ? { id: delegator, displayName: people.find((r) => r.id === delegator)?.displayName ?? null }
        : null,
      stillReached: row.kind === DIGEST_KIND || now !== undefined,
      initiative:
        row.initiative_id === null
          ? null
          : { id: row.initiative_id, title: row.title ?? '', waitingOn: row.waiting_on ?? [] },
    };
  });
}

const asWho = (row: ClaimedRow) => ({
  role: row.role,
  department: row.department,
  person: row.recipient_person,
});

/** The result of one attempt at an email delivery. */
export interface EmailAttempt {
  delivery: Pick<DueEmail, 'id' | 'attempts'> & { notification: Pick<DueEmail['notification'], 'id'> };
  /** The address it was sent to; null when the directory had none. */
  address: string | null;
  /** Attempts so far, this one included. */
  attempts: number;
  status: DeliveryStatus;
  /** The SMTP server's reply code, when it gave one. */
  smtpCode: number | null;
  error: string | null;
  retryInMs: number;
}

/**
 * Records an attempt at an email delivery, and the address it went to; the notification follows
 * its deliveries, webhook and email alike (recordDeliveryAttempt).
 */
export async function recordEmailAttempt(db: DataSource, attempt: EmailAttempt): Promise<void> {
  const { delivery } = attempt;
  // `attempts = $3`: a claim that outlived its lease does not overwrite a newer attempt's address.
  await db.query(`UPDATE notification_deliveries SET address = $2 WHERE id = $1 AND attempts = $3`, [
    delivery.id,
    attempt.address,
    delivery.attempts,
  ]);
  await recordDeliveryAttempt(db, {
    delivery: { id: delivery.id, notification_id: delivery.notification.id, attempts: delivery.attempts },
    attempts: attempt.attempts,
    status: attempt.status,
    httpStatus: attempt.smtpCode,
    error: attempt.error,
    retryInMs: attempt.retryInMs,
  });
}
