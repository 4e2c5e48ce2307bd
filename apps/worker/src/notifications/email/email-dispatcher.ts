import { types } from 'node:util';
import { createTransport, type NodemailerError } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '@cio/config';
import {
  claimDueEmails,
  type DueEmail,
  fanOutEmails,
  NO_EMAIL_ADDRESS,
  NO_LONGER_REACHED,
  recordEmailAttempt,
} from '@cio/persistence';
import { eachAtMost, PollingLoop } from '../../polling-loop';
import type { DeliveryCounts } from '../webhook-dispatcher';
import { composeEmail, settingsUrl } from './compose-email';

/**
 * Emails the notification outbox to the people each notification reaches, outside any workflow.
 * A pass fans new notifications out (one delivery per person who wants it at once: fanOutEmails),
 * then sends the due deliveries, one SMTP transaction each, with these headers:
 *   Message-ID          <cio-delivery-<delivery id>@<web app host>>, the same on every retry
 *   Auto-Submitted      auto-generated (RFC 3834: no auto-replies, no vacation notices)
 *   X-CIO-Notification  the notification's key
 *   List-Unsubscribe    <the web app's settings page>, where people choose what they get
 * The server accepting it marks the delivery delivered. A permanent refusal of the recipient or
 * the message (5xx: a bounce, e.g. 550 no such user) fails it at once; anything else (4xx,
 * timeouts, a refused connection, bad credentials) is retried with exponential backoff until
 * MAIL_MAX_ATTEMPTS, then failed. Several dispatchers share the work as the webhook ones do.
 */
export const EMAIL_HEADERS = {
  autoSubmitted: 'auto-submitted',
  notification: 'x-cio-notification',
  listUnsubscribe: 'list-unsubscribe',
} as const;

export interface EmailDispatcherOptions {
  dataSource: DataSource;
  logger: Logger;
  mail: NonNullable<AppConfig['mail']>;
  publicWebUrl: string;
  /** The time zone dates are written in (DIGEST_TIMEZONE). */
  timeZone: string;
  /** Whether webhooks are configured: a notification is then emailed once its webhook deliveries exist. */
  webhooks: boolean;
  /** Deliveries claimed (and notifications fanned out) per pass. */
  batchSize?: number;
  /** Concurrent SMTP transactions per pass. */
  concurrency?: number;
  /** How long claimed deliveries stay invisible to other dispatchers; outlasts a whole pass. */
  leaseMs?: number;
}

type Outcome = keyof DeliveryCounts;

interface SendResult {
  code: number | null;
  error: string | null;
  /** A refusal that the same message would get again. */
  permanent: boolean;
}

const DEFAULT_BATCH_SIZE = 50;
const DEFAULT_CONCURRENCY = 4;
/** Slack on top of a pass's slowest case (every send timing out), for database writes and pauses. */
const LEASE_MARGIN_MS = 30_000;
/** The longest wait between two attempts, however many there were. */
const BACKOFF_MAX_MS = 3_600_000;
/** Errors that say the server refused this recipient or this message, not the session. */
const MESSAGE_REFUSALS = new Set(['EENVELOPE', 'EMESSAGE']);

export class EmailDispatcher {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly loop: PollingLoop;
  private readonly transport: ReturnType<typeof createTransport>;
  private readonly messageIdHost: string;

  constructor(private readonly options: EmailDispatcherOptions) {
    const { mail } = options;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    // A claim must not expire while the pass still holds it, or another replica sends it too.
    const slowestPassMs = Math.ceil(this.batchSize / this.concurrency) * mail.timeoutMs;
    this.leaseMs = options.leaseMs ?? slowestPassMs + LEASE_MARGIN_MS;
    this.messageIdHost = new URL(options.publicWebUrl).hostname;
    // One connection per message (no pool): a send's abort closes its own connection only.
    this.transport = createTransport({
      host: mail.host,
      port: mail.port,
      secure: mail.secure,
      requireTLS: mail.requireTls,
      ...(mail.auth ? { auth: mail.auth } : {}),
      connectionTimeout: mail.timeoutMs,
      greetingTimeout: mail.timeoutMs,
      socketTimeout: mail.timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    this.loop = new PollingLoop(
      'email delivery',
      () => this.deliverDue(),
      mail.pollIntervalMs,
      options.logger,
    );
  }

  /** Runs a pass now, then one every MAIL_POLL_INTERVAL_MS after the previous ends. */
  start(): void {
    this.loop.start();
  }

  /** Stops polling, waits for the pass in flight, and lets go of the transport. */
  async stop(): Promise<void> {
    await this.loop.stop();
    this.transport.close();
  }

  /** One pass: fan new notifications out to the people they reach, then send the due emails. */
  async deliverDue(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
    await this.fanOut();
    const due = await claimDueEmails(this.options.dataSource, {
      batchSize: this.batchSize,
      leaseMs: this.leaseMs,
    });
    await eachAtMost(this.concurrency, due, async (delivery) => {
      try {
        counts[await this.attempt(delivery)] += 1;
      } catch (error) {
        // Not recorded: the delivery comes back when its lease expires.
        this.options.logger.error({ err: error, delivery: delivery.id }, 'email delivery not recorded');
      }
    });
    return counts;
  }

  /** Every notification written since the last pass, a batch (one transaction) at a time. */
  private async fanOut(): Promise<void> {
    const { dataSource, webhooks } = this.options;
    const batch = { batchSize: this.batchSize, afterWebhooks: webhooks };
    let taken: number;
    do taken = await fanOutEmails(dataSource, batch);
    while (taken === this.batchSize);
  }

  private async attempt(delivery: DueEmail): Promise<Outcome> {
    const { maxAttempts, backoffMs } = this.options.mail;
    const address = delivery.person.email;
    const { code, error, permanent } = !delivery.stillReached
      ? { code: null, error: NO_LONGER_REACHED, permanent: true }
      : address
        ? await this.send(delivery, address)
        : { code: null, error: NO_EMAIL_ADDRESS, permanent: true };
    const attempts = delivery.attempts + 1;
    const outcome: Outcome =
      error === null ? 'delivered' : permanent || attempts >= maxAttempts ? 'failed' : 'retried';
    await recordEmailAttempt(this.options.dataSource, {
      delivery,
      address,
      attempts,
      status: outcome === 'retried' ? 'pending' : outcome,
      smtpCode: code,
      error,
      retryInMs: Math.min(BACKOFF_MAX_MS, backoffMs * 2 ** (attempts - 1)),
    });
    if (outcome !== 'delivered') {
      this.options.logger.warn(
        { delivery: delivery.id, person: delivery.person.id, attempts, code, error, outcome },
        'email delivery failed',
      );
    }
    return outcome;
  }

  /** One SMTP transaction; never throws: the server's reply code, or the failure's description. */
  private async send(delivery: DueEmail, address: string): Promise<SendResult> {
    const { mail, publicWebUrl, timeZone } = this.options;
    const email = composeEmail(delivery, { publicWebUrl, timeZone, now: new Date() });
    try {
      const info = await this.transport.sendMail({
        from: mail.from,
        to: { name: delivery.person.displayName ?? '', address },
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: `<cio-delivery-${delivery.id}@${this.messageIdHost}>`,
        headers: {
          [EMAIL_HEADERS.autoSubmitted]: 'auto-generated',
          [EMAIL_HEADERS.notification]: delivery.notification.key,
        },
        list: { unsubscribe: settingsUrl(publicWebUrl) },
        signal: AbortSignal.timeout(mail.timeoutMs),
      });
      return { code: replyCode(info.response), error: null, permanent: false };
    } catch (error) {
      return describeFailure(error);
    }
  }
}

/** The reply code that starts an SMTP server's answer ("250 2.0.0 OK"). */
function replyCode(response: string | undefined): number | null {
  const code = Number.parseInt(response?.slice(0, 3) ?? '', 10);
  return Number.isInteger(code) ? code : null;
}

function describeFailure(error: unknown): SendResult {
  // isNativeError, not instanceof: errors may come from another realm (Jest's sandbox).
  if (!types.isNativeError(error)) return { code: null, error: String(error), permanent: false };
  const failure = error as NodemailerError;
  const code = failure.responseCode ?? null;
  const said = failure.response ?? failure.message;
  return {
    code,
    error: failure.code ? `${failure.code}: ${said}` : said,
    // A 5xx to the session itself (credentials, TLS) is the configuration's: fixed, it goes through.
    permanent: failure.permanent === true && MESSAGE_REFUSALS.has(failure.code ?? ''),
  };
}
