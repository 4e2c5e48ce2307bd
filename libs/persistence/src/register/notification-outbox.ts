import type { DataSource } from 'typeorm';
import type { DeliveryStatus, NotificationKind, WaitWho } from '@cio/contracts';

/** A notification for the outbox, keyed so that a retried activity writes it once. */
export interface OutboxNotification {
  /** Idempotency key: workflow id, cycle and step. */
  key: string;
  initiativeId: string;
  kind: NotificationKind;
  to: WaitWho;
  subject: string;
  payload: Record<string, unknown>;
  /** What the notification states (plan version, cycle...): emails say it in each person's language. */
  facts?: Record<string, unknown>;
}

export async function enqueueNotification(db: DataSource, n: OutboxNotification): Promise<void> {
  await db.query(
    `INSERT INTO notifications
       (key, initiative_id, kind, recipient_role, recipient_department, recipient_person, subject, payload, facts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (key) DO NOTHING`,
    [
      n.key,
      n.initiativeId,
      n.kind,
      n.to.role ?? null,
      n.to.department ?? null,
      n.to.person ?? null,
      n.subject,
      JSON.stringify(n.payload),
      n.facts === undefined ? null : JSON.stringify(n.facts),
    ],
  );
}

/** A delivery of a notification to one webhook URL, claimed for an attempt. */
export interface DueDelivery {
  id: string;
  url: string;
  attempts: number;
  notification_id: string;
  key: string;
  kind: string;
  initiative_id: string;
  subject: string;
  recipient_role: string | null;
  recipient_department: string | null;
  recipient_person: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** One delivery row per pending notification of an initiative and configured URL (digests are email only). */
export async function fanOutDeliveries(db: DataSource, urls: readonly string[]): Promise<void> {
  await db.query(
    `INSERT INTO notification_deliveries (notification_id, channel, url)
     SELECT n.id, 'webhook', u.url FROM notifications n CROSS JOIN unnest($1::text[]) AS u(url)
      WHERE n.status = 'pending' AND n.initiative_id IS NOT NULL
     ON CONFLICT (notification_id, url) WHERE channel = 'webhook' DO NOTHING`,
    [urls],
  );
}

/**
 * Leases due deliveries to the caller by moving their next attempt past the lease; rows another
 * dispatcher is claiming are skipped (FOR UPDATE SKIP LOCKED). Only the given URLs: one dropped
 * from the configuration keeps its pending deliveries untouched.
 */
export async function claimDueDeliveries(
  db: DataSource,
  claim: { batchSize: number; leaseMs: number; urls: readonly string[] },
): Promise<DueDelivery[]> {
  const [claimed]: [DueDelivery[], number] = await db.query(
    `WITH due AS (
       SELECT id FROM notification_deliveries
        WHERE status = 'pending' AND next_attempt_at <= now() AND channel = 'webhook'
          AND url = ANY($3::text[])
        ORDER BY next_attempt_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE notification_deliveries d
        SET next_attempt_at = now() + $2::float8 * interval '1 millisecond'
       FROM due, notifications n
      WHERE d.id = due.id AND n.id = d.notification_id
     RETURNING d.id::text AS id, d.url, d.attempts, n.id::text AS notification_id, n.key, n.kind,
               n.initiative_id, n.subject, n.recipient_role, n.recipient_department,
               n.recipient_person, n.payload, n.created_at`,
    [claim.batchSize, claim.leaseMs, claim.urls],
  );
  return claimed;
}

/** The result of one attempt at a delivery. */
export interface DeliveryAttempt {
  delivery: Pick<DueDelivery, 'id' | 'notification_id' | 'attempts'>;
  /** Attempts so far, this one included. */
  attempts: number;
  status: DeliveryStatus;
  httpStatus: number | null;
  error: string | null;
  retryInMs: number;
}

/** Records an attempt and brings the notification's status in line with its deliveries. */
export async function recordDeliveryAttempt(db: DataSource, attempt: DeliveryAttempt): Promise<void> {
  const { delivery } = attempt;
  await db.transaction(async (tx) => {
    // The notification's lock first: two dispatchers finishing deliveries of one notification
    // at once would otherwise each count the other's as pending and leave it pending for good.
    await tx.query(`SELECT 1 FROM notifications WHERE id = $1 FOR UPDATE`, [delivery.notification_id]);
    // `attempts = $7`: a claim that outlived its lease does not overwrite a newer attempt.
    await tx.query(
      `UPDATE notification_deliveries
          SET attempts = $2, status = $3, last_status = $4, last_error = $5,
              delivered_at = CASE WHEN $3 = 'delivered' THEN now() END,
              next_attempt_at = now() + $6::float8 * interval '1 millisecond'
        WHERE id = $1 AND attempts = $7`,
      [
        delivery.id,
        attempt.attempts,
        attempt.status,
        attempt.httpStatus,
        attempt.error,
        attempt.retryInMs,
        delivery.attempts,
      ],
    );
    // The notification follows its deliveries: delivered when all are, failed when none is pending.
    await tx.query(
      `UPDATE notifications n
          SET attempts = s.attempts,
              status = CASE WHEN s.pending > 0 THEN 'pending' WHEN s.failed > 0 THEN 'failed' ELSE 'delivered' END,
              delivered_at = CASE WHEN s.pending = 0 AND s.failed = 0 THEN s.delivered_at END
         FROM (SELECT sum(attempts)::int AS attempts, max(delivered_at) AS delivered_at,
                      count(*) FILTER (WHERE status = 'pending') AS pending,
                      count(*) FILTER (WHERE status = 'failed') AS failed
                 FROM notification_deliveries WHERE notification_id = $1) s
        WHERE n.id = $1`,
      [delivery.notification_id],
    );
  });
}
