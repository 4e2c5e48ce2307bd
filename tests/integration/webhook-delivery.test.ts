import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities } from '@cio/activities';
import { type AppConfig, loadConfig } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import {
  createTestDatabase,
  eventually,
  freePort,
  retailerInitiative,
  type TestDatabase,
} from '@cio/testing';
import {
  verifyWebhook,
  WEBHOOK_HEADERS,
  WebhookDispatcher,
  type DeliveryCounts,
  type WebhookNotification,
} from '@cio/worker';

// The outbox delivered to real local HTTP receivers: signed, retried with backoff, shared by
// concurrent dispatchers, and never in the way of the workflow that wrote it.
const SECRET = 'a-test-secret-of-some-length';

interface Received {
  body: WebhookNotification;
  raw: string;
  headers: IncomingHttpHeaders;
}

interface Receiver {
  url: string;
  received: Received[];
  /** Requests that have neither been answered nor been given up on by the caller. */
  open: number;
}

interface DeliveryRow {
  id: string;
  url: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  /** next_attempt_at - now(), both database time. */
  wait_ms: number;
}

describe('webhook delivery of the notification outbox', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createActivities>;
  const env = new MockActivityEnvironment();
  const logger = pino({ level: 'silent' });
  const servers: Server[] = [];

  /** A webhook receiver on 127.0.0.1; `answer` picks the status of the n-th call, or hangs. */
  async function receiver(answer: (call: number) => number | 'hang' = () => 204): Promise<Receiver> {
    const hook: Receiver = { url: '', received: [], open: 0 };
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        hook.received.push({ body: JSON.parse(raw) as WebhookNotification, raw, headers: request.headers });
        const status = answer(hook.received.length);
        if (status === 'hang') {
          hook.open += 1;
          response.on('close', () => (hook.open -= 1));
          return;
        }
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const { port } = server.address() as { port: number };
    hook.url = `http://127.0.0.1:${port}/hook`;
    return hook;
  }

  const webhooks = (urls: string[], overrides: Partial<AppConfig['webhooks']> = {}) => ({
    ...loadConfig({ WEBHOOK_SECRET: SECRET }).webhooks,
    urls,
    timeoutMs: 1_000,
    maxAttempts: 4,
    backoffMs: 30,
    backoffMaxMs: 200,
    pollIntervalMs: 20,
    ...overrides,
  });

  let sequence = 0;
  const notify = (initiativeId: string) =>
    env.run(activities.notify, {
      key: `initiative-${initiativeId}:c1:reminder-${++sequence}`,
      initiativeId,
      kind: 'approval-reminder' as const,
      to: { role: 'change-board' },
      subject: 'Plan v1 awaits your approval',
      payload: { planVersion: 1 },
    });

  const deliveries = (initiativeId: string): Promise<DeliveryRow[]> =>
    dataSource.query(
      `SELECT d.id::text AS id, d.url, d.status, d.attempts, d.last_status, d.last_error,
              (extract(epoch FROM d.next_attempt_at - now()) * 1000)::float8 AS wait_ms
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.initiative_id = $1 ORDER BY n.id, d.url`,
      [initiativeId],
    );
  const notifications = (
    initiativeId: string,
  ): Promise<
    {
      id: string;
      key: string;
      status: string;
      attempts: number;
      delivered_at: Date | null;
      created_at: Date;
    }[]
  > =>
    dataSource.query(
      `SELECT id::text AS id, key, status, attempts, delivered_at, created_at
         FROM notifications WHERE initiative_id = $1 ORDER BY id`,
      [initiativeId],
    );

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    activities = createActivities({ dataSource, logger });
    for (const id of ['hook-retry', 'hook-dead', 'hook-many', 'hook-hang', 'hook-loop']) {
      await env.run(activities.registerInitiative, {
        workflowId: `initiative-${id}`,
        definition: retailerInitiative(id),
        phase: 'AwaitingApproval',
        cycle: 1,
      });
    }
  });
  // Every dispatcher fans out every pending notification: each test starts with an empty outbox.
  afterEach(() => dataSource.query(`DELETE FROM notifications`));
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await dataSource.destroy();
    await db.drop();
  });

  it('retries a receiver that fails twice and records the third attempt; the body is signed', async () => {
    const hook = await receiver((call) => (call <= 2 ? 500 : 204));
    await notify('hook-retry');
    const dispatcher = new WebhookDispatcher({ dataSource, logger, webhooks: webhooks([hook.url]) });

    await eventually(async () => {
      await dispatcher.deliverDue();
      expect(await deliveries('hook-retry')).toEqual([
        expect.objectContaining({ status: 'delivered', attempts: 3, last_status: 204, last_error: null }),
      ]);
    });
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const [notification] = await notifications('hook-retry');
    expect(notification).toEqual(
      expect.objectContaining({ status: 'delivered', attempts: 3, delivered_at: expect.any(Date) }),
    );

    expect(hook.received).toHaveLength(3);
    const [delivery] = await deliveries('hook-retry');
    for (const { headers } of hook.received) {
      expect(headers['content-type']).toBe('application/json');
      expect(headers[WEBHOOK_HEADERS.delivery]).toBe(delivery!.id);
      expect(headers[WEBHOOK_HEADERS.idempotencyKey]).toBe(notification!.key);
    }
    const last = hook.received[2]!;
    expect(last.body).toEqual({
      id: notification!.id,
      key: notification!.key,
      kind: 'approval-reminder',
      initiativeId: 'hook-retry',
      subject: 'Plan v1 awaits your approval',
      recipient: { role: 'change-board', department: null, person: null },
      payload: { planVersion: 1 },
      createdAt: notification!.created_at.toISOString(),
    });
    const timestamp = String(last.headers[WEBHOOK_HEADERS.timestamp]);
    const signature = String(last.headers[WEBHOOK_HEADERS.signature]);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyWebhook(SECRET, timestamp, last.raw, signature)).toBe(true);
    expect(verifyWebhook('another-secret-entirely', timestamp, last.raw, signature)).toBe(false);
    expect(verifyWebhook(SECRET, timestamp, last.raw.replace('Plan v1', 'Plan v2'), signature)).toBe(false);
  });

  it('serves a healthy webhook at once and gives up on a dead one after backing off longer each time', async () => {
    const healthy = await receiver();
    const dead = `http://127.0.0.1:${await freePort()}/nobody-listens`;
    const config = webhooks([healthy.url, dead], { maxAttempts: 5, backoffMs: 40, backoffMaxMs: 200 });
    const dispatcher = new WebhookDispatcher({ dataSource, logger, webhooks: config });
    const deadDelivery = async () => (await deliveries('hook-dead')).find((d) => d.url === dead)!;
    await notify('hook-dead');

    expect(await dispatcher.deliverDue()).toEqual({ delivered: 1, retried: 1, failed: 0 });
    expect(healthy.received).toHaveLength(1);
    const waits: number[] = [(await deadDelivery()).wait_ms];
    for (let attempt = 2; attempt <= config.maxAttempts; attempt++) {
      const row = await eventually(async () => {
        await dispatcher.deliverDue();
        const current = await deadDelivery();
        expect(current.attempts).toBe(attempt);
        return current;
      });
      if (row.status === 'pending') waits.push(row.wait_ms);
    }

    // Scheduled in database time: 40, 80, 160, then 320 capped at 200 ms after each attempt.
    expect(waits).toHaveLength(4);
    [40, 80, 160, 200].forEach((backoff, i) => {
      expect(waits[i]).toBeLessThanOrEqual(backoff);
      if (i > 0) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    });
    expect(await deadDelivery()).toEqual(
      expect.objectContaining({
        status: 'failed',
        attempts: 5,
        last_status: null,
        last_error: expect.stringMatching(/ECONNREFUSED/),
      }),
    );
    expect(await dispatcher.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(healthy.received).toHaveLength(1);
    expect((await deliveries('hook-dead')).find((d) => d.url === healthy.url)).toEqual(
      expect.objectContaining({ status: 'delivered', attempts: 1, last_status: 204 }),
    );
    expect(await notifications('hook-dead')).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 6, delivered_at: null }),
    ]);
  });

  it('delivers each notification once to each webhook although two dispatchers work at the same time', async () => {
    const hooks = [await receiver(), await receiver()];
    for (let i = 0; i < 50; i++) await notify('hook-many');
    const config = webhooks(hooks.map((hook) => hook.url));
    const [a, b] = [1, 2].map(
      () => new WebhookDispatcher({ dataSource, logger, webhooks: config, batchSize: 10 }),
    );
    const totals = [0, 0];
    const sum = (counts: DeliveryCounts) => counts.delivered + counts.retried + counts.failed;

    await eventually(async () => {
      const passes = await Promise.all([a!.deliverDue(), b!.deliverDue()]);
      passes.forEach((counts, i) => (totals[i]! += sum(counts)));
      expect(await notifications('hook-many')).toEqual(
        Array.from({ length: 50 }, () => expect.objectContaining({ status: 'delivered', attempts: 2 })),
      );
    });

    expect(totals[0]).toBeGreaterThan(0);
    expect(totals[1]).toBeGreaterThan(0);
    expect(totals[0]! + totals[1]!).toBe(100);
    const keys = (await notifications('hook-many')).map((n) => n.key).sort();
    for (const hook of hooks) {
      expect(hook.received.map((r) => String(r.headers[WEBHOOK_HEADERS.idempotencyKey])).sort()).toEqual(
        keys,
      );
    }
    expect(new Set((await deliveries('hook-many')).map((d) => d.attempts))).toEqual(new Set([1]));
  });

  it('lets the notify activity return while a webhook call hangs; stop() waits for that call', async () => {
    const hook = await receiver(() => 'hang');
    const config = webhooks([hook.url], { timeoutMs: 500 });
    const dispatcher = new WebhookDispatcher({ dataSource, logger, webhooks: config });
    await notify('hook-hang');
    dispatcher.start();
    await eventually(() => expect(hook.open).toBe(1));

    const started = Date.now();
    await notify('hook-hang');
    expect(Date.now() - started).toBeLessThan(config.timeoutMs);
    expect(hook.open).toBe(1); // the webhook call is still in flight

    await dispatcher.stop(); // waits for the call to time out and be recorded
    const [first, second] = await notifications('hook-hang');
    expect(first).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    expect(second).toEqual(expect.objectContaining({ status: 'pending', attempts: 0 }));
    expect(await deliveries('hook-hang')).toEqual([
      expect.objectContaining({ attempts: 1, last_error: expect.stringMatching(/TimeoutError/) }),
    ]);
  });

  it('runs as a loop that logs a failed pass and goes on', async () => {
    const hook = await receiver();
    const errors: string[] = [];
    const capture = pino({ level: 'error' }, { write: (line: string) => errors.push(line) });
    // Not initialized yet: every pass fails until it is.
    const unready = createDataSource(db.options);
    const dispatcher = new WebhookDispatcher({
      dataSource: unready,
      logger: capture,
      webhooks: webhooks([hook.url]),
    });
    await notify('hook-loop');

    dispatcher.start();
    await eventually(() => expect(errors.length).toBeGreaterThanOrEqual(2));
    expect(errors[0]).toContain('webhook delivery pass failed');
    await unready.initialize();
    await eventually(() => expect(hook.received).toHaveLength(1));
    await dispatcher.stop();
    await unready.destroy();
    expect(await notifications('hook-loop')).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });
});
