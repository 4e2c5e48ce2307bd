import { types } from 'node:util';
import type { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '@cio/config';
import {
  claimDueDeliveries,
  type DueDelivery,
  fanOutDeliveries,
  recordDeliveryAttempt,
} from '@cio/persistence';
import { eachAtMost, PollingLoop } from '../polling-loop';
import { signWebhook } from './webhook-signature';

/**
 * Delivers the notification outbox to the configured webhooks, outside any workflow: a dead
 * webhook delays only its own deliveries. Each notification is POSTed to each URL as JSON
 * (`WebhookNotification`) with these headers:
 *   X-CIO-Signature   sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>  (webhook-signature.ts)
 *   X-CIO-Timestamp   seconds since the epoch, the one signed
 *   X-CIO-Delivery    the delivery id (one per notification and URL; the same on every retry)
 *   Idempotency-Key   the notification's key: receivers drop repeats with it
 * A 2xx marks the delivery delivered; anything else is retried with exponential backoff until
 * WEBHOOK_MAX_ATTEMPTS, then it is failed. Several dispatchers (worker replicas) share the work:
 * each claims due deliveries with FOR UPDATE SKIP LOCKED and a lease. Delivery is at least once.
 */
export const WEBHOOK_HEADERS = {
  signature: 'x-cio-signature',
  timestamp: 'x-cio-timestamp',
  delivery: 'x-cio-delivery',
  idempotencyKey: 'idempotency-key',
} as const;

/** The JSON body of a webhook call. */
export interface WebhookNotification {
  id: string;
  key: string;
  kind: string;
  initiativeId: string;
  subject: string;
  recipient: { role: string | null; department: string | null; person: string | null };
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface WebhookDispatcherOptions {
  dataSource: DataSource;
  logger: Logger;
  webhooks: AppConfig['webhooks'];
  /** Deliveries claimed per pass. */
  batchSize?: number;
  /** Concurrent HTTP calls per pass. */
  concurrency?: number;
  /** How long claimed deliveries stay invisible to other dispatchers; outlasts a whole pass. */
  leaseMs?: number;
}

/** What one pass did: deliveries delivered, scheduled for a retry, and given up on. */
export interface DeliveryCounts {
  delivered: number;
  retried: number;
  failed: number;
}

type Outcome = keyof DeliveryCounts;

const DEFAULT_BATCH_SIZE = 50;
const DEFAULT_CONCURRENCY = 8;
/** Slack on top of a pass's slowest case (every call timing out), for database writes and pauses. */
const LEASE_MARGIN_MS = 30_000;

export class WebhookDispatcher {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly loop: PollingLoop;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    // A claim must not expire while the pass still holds it, or another replica sends it too.
    const slowestPassMs = Math.ceil(this.batchSize / this.concurrency) * options.webhooks.timeoutMs;
    this.leaseMs = options.leaseMs ?? slowestPassMs + LEASE_MARGIN_MS;
    this.loop = new PollingLoop(
      'webhook delivery',
      () => this.deliverDue(),
      options.webhooks.pollIntervalMs,
      options.logger,
    );
  }

  /** Runs a pass now, then one every WEBHOOK_POLL_INTERVAL_MS after the previous ends. */
  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the pass in flight. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass: fan pending notifications out to the URLs, then attempt the due deliveries. */
  async deliverDue(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
    if (this.options.webhooks.urls.length === 0) return counts;
    await this.fanOut();
    const due = await this.claimDue();
    await eachAtMost(this.concurrency, due, async (delivery) => {
      try {
        counts[await this.attempt(delivery)] += 1;
      } catch (error) {
        // Not recorded: the delivery comes back when its lease expires.
        this.options.logger.error({ err: error, delivery: delivery.id }, 'webhook delivery not recorded');
      }
    });
    return counts;
  }

  private fanOut(): Promise<void> {
    return fanOutDeliveries(this.options.dataSource, this.options.webhooks.urls);
  }

  private claimDue(): Promise<DueDelivery[]> {
    const { batchSize, leaseMs } = this;
    return claimDueDeliveries(this.options.dataSource, {
      batchSize,
      leaseMs,
      urls: this.options.webhooks.urls,
    });
  }

  private async attempt(delivery: DueDelivery): Promise<Outcome> {
    const { maxAttempts, backoffMs, backoffMaxMs } = this.options.webhooks;
    const { status, error } = await this.post(delivery);
    const attempts = delivery.attempts + 1;
    const outcome: Outcome = error === null ? 'delivered' : attempts >= maxAttempts ? 'failed' : 'retried';
    const retryInMs = Math.min(backoffMaxMs, backoffMs * 2 ** (attempts - 1));
    await recordDeliveryAttempt(this.options.dataSource, {
      delivery,
      attempts,
      status: outcome === 'retried' ? 'pending' : outcome,
      httpStatus: status,
      error,
      retryInMs,
    });
    if (outcome !== 'delivered') {
      this.options.logger.warn(
        { delivery: delivery.id, url: delivery.url, attempts, status, error, outcome },
        'webhook delivery failed',
      );
    }
    return outcome;
  }

  /** One signed POST; never throws: the answer's status or the failure's description. */
  private async post(delivery: DueDelivery): Promise<{ status: number | null; error: string | null }> {
    const { secret, timeoutMs } = this.options.webhooks;
    const body = JSON.stringify(webhookNotification(delivery));
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.delivery]: delivery.id,
          [WEBHOOK_HEADERS.idempotencyKey]: delivery.key,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The status is the answer; the receiver's body is not read.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { status: null, error: describeFailure(error) };
    }
  }
}

function webhookNotification(delivery: DueDelivery): WebhookNotification {
  return {
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
    createdAt: delivery.created_at.toISOString(),
  };
}

/** fetch rejects with "fetch failed" and the reason (ECONNREFUSED, a bad certificate...) as `cause`. */
function describeFailure(error: unknown): string {
  // isNativeError, not instanceof: fetch's errors may come from another realm (Jest's sandbox).
  if (!types.isNativeError(error) || !types.isNativeError(error.cause)) return String(error);
  const { cause } = error;
  return `${error.message}: ${cause.message || ('code' in cause ? String(cause.code) : cause.name)}`;
}
