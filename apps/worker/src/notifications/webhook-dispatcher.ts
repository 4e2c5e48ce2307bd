import type { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '@cio/config';
import { signWebhook } from './webhook-signature';

/**
 * Delivers the notification outbox to the configured webhooks, outside any workflow: a dead
 * webhook delays only its own deliveries. Each notification is POSTed to each URL as JSON with
 *   X-CIO-Signature   sha256=HMAC-SHA256(secret, "<timestamp>.<body>")  (see webhook-signature.ts)
 *   X-CIO-Timestamp   seconds since the epoch
 *   X-CIO-Delivery    the delivery id (one per notification and URL)
 *   Idempotency-Key   the notification's key: receivers drop repeats with it
 * A 2xx marks the delivery delivered; anything else is retried with exponential backoff until
 * WEBHOOK_MAX_ATTEMPTS, then it is failed. Several dispatchers (worker replicas) share the work:
 * each claims due deliveries with FOR UPDATE SKIP LOCKED and a lease.
 */
export interface DispatcherOptions {
  dataSource: DataSource;
  logger: Logger;
  webhooks: AppConfig['webhooks'];
  /** Deliveries claimed per pass. */
  batchSize?: number;
  /** How long a claimed delivery stays invisible to other dispatchers. */
  leaseMs?: number;
  /** Concurrent HTTP calls per pass. */
  concurrency?: number;
}

interface DueDelivery {
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

export interface PassResult {
  delivered: number;
  retried: number;
  failed: number;
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> | undefined;
  private stopped = true;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;

  constructor(private readonly options: DispatcherOptions) {
    this.batchSize = options.batchSize ?? 50;
    this.leaseMs = options.leaseMs ?? Math.max(options.webhooks.timeoutMs * 2, 10_000);
    this.concurrency = options.concurrency ?? 8;
  }

  /** Polls every WEBHOOK_POLL_INTERVAL_MS; passes never overlap. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      this.pass = this.deliverDue()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'webhook delivery pass failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.webhooks.pollIntervalMs);
        });
    };
    loop();
  }

  /** Stops polling and waits for the pass in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  /** One pass: fan pending notifications out to the URLs, then attempt every due delivery. */
  async deliverDue(): Promise<PassResult> {
    const db = this.options.dataSource;
    const { urls } = this.options.webhooks;
    const result: PassResult = { delivered: 0, retried: 0, failed: 0 };
    if (urls.length === 0) return result;
    await db.query(
      `INSERT INTO notification_deliveries (notification_id, url)
       SELECT n.id, u.url FROM notifications n CROSS JOIN unnest($1::text[]) AS u(url)
        WHERE n.status = 'pending'
       ON CONFLICT ON CONSTRAINT uq_notification_deliveries_target DO NOTHING`,
      [urls],
    );
    const [claimed]: [DueDelivery[], number] = await db.query(
      `WITH due AS (
         SELECT id FROM notification_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND url = ANY($3::text[])
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE notification_deliveries d
          SET next_attempt_at = now() + ($2::int * interval '1 millisecond')
         FROM due, notifications n
        WHERE d.id = due.id AND n.id = d.notification_id
       RETURNING d.id::text AS id, d.url, d.attempts, n.id::text AS notification_id, n.key, n.kind, n.initiative_id,
                 n.subject, n.recipient_role, n.recipient_department, n.recipient_person, n.payload, n.created_at`,
      [this.batchSize, this.leaseMs, urls],
    );
    const queue = [...claimed];
    const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
        result[await this.attempt(delivery)] += 1;
      }
    });
    await Promise.all(workers);
    return result;
  }

  private async attempt(delivery: DueDelivery): Promise<keyof PassResult> {
    const { webhooks, dataSource: db, logger } = this.options;
    const body = JSON.stringify({
      id: delivery.notification_id,
      key: delivery.key,
      kind: delivery.kind,
      initiativeId: delivery.initiative_id,
      subject: delivery.subject,
      recipient: {
        role: delivery.recipient_role,
        department: delivery.recipient_department,
        person: delivery.recipient_person,
      },
      payload: delivery.payload,
      createdAt: new Date(delivery.created_at).toISOString(),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-cio-signature': signWebhook(webhooks.secret, timestamp, body),
          'x-cio-timestamp': timestamp,
          'x-cio-delivery': delivery.id,
          'idempotency-key': delivery.key,
        },
        body,
        signal: AbortSignal.timeout(webhooks.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error =
        cause instanceof Error
          ? `${cause.name}: ${(cause as { cause?: Error }).cause?.message ?? cause.message}`
          : String(cause);
    }
    const attempts = delivery.attempts + 1;
    const outcome: keyof PassResult =
      error === null ? 'delivered' : attempts >= webhooks.maxAttempts ? 'failed' : 'retried';
    const backoffMs = Math.min(webhooks.backoffMaxMs, webhooks.backoffMs * 2 ** (attempts - 1));
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE notification_deliveries
            SET attempts = $2, last_status = $3, last_error = $4,
                status = $5, delivered_at = CASE WHEN $5 = 'delivered' THEN now() END,
                next_attempt_at = now() + ($6::int * interval '1 millisecond')
          WHERE id = $1`,
        [delivery.id, attempts, status, error, outcome === 'retried' ? 'pending' : outcome, backoffMs],
      );
      // The notification follows its deliveries: delivered when all are, failed when none is pending.
      await tx.query(
        `UPDATE notifications n
            SET attempts = s.attempts,
                status = CASE WHEN s.pending > 0 THEN 'pending' WHEN s.failed > 0 THEN 'failed' ELSE 'delivered' END,
                delivered_at = CASE WHEN s.pending = 0 AND s.failed = 0 THEN now() END
           FROM (SELECT sum(attempts)::int AS attempts,
                        count(*) FILTER (WHERE status = 'pending') AS pending,
                        count(*) FILTER (WHERE status = 'failed') AS failed
                   FROM notification_deliveries WHERE notification_id = $1) s
          WHERE n.id = $1`,
        [delivery.notification_id],
      );
    });
    if (outcome !== 'delivered') {
      logger.warn(
        { delivery: delivery.id, url: delivery.url, attempts, error, outcome },
        'webhook delivery failed',
      );
    }
    return outcome;
  }
}
