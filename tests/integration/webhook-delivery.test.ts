import { createServer, type IncomingMessage, type Server } from 'node:http';
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
import { verifyWebhook, WebhookDispatcher } from '@cio/worker';

// The outbox delivered to real local HTTP receivers: signed, retried with backoff, recorded.
interface Received {
  body: Record<string, unknown>;
  raw: string;
  headers: IncomingMessage['headers'];
}

async function receiver(
  answer: (count: number) => number,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      received.push({ body: JSON.parse(raw) as Record<string, unknown>, raw, headers: request.headers });
      response.statusCode = answer(received.length);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

describe('webhook delivery of the notification outbox', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createActivities>;
  const env = new MockActivityEnvironment();
  const servers: Server[] = [];
  const logger = pino({ level: 'silent' });
  const webhooks = (
    urls: string[],
    overrides: Partial<AppConfig['webhooks']> = {},
  ): AppConfig['webhooks'] => ({
    ...loadConfig({ WEBHOOK_SECRET: 'a-test-secret-of-some-length' }).webhooks,
    urls,
    backoffMs: 30,
    backoffMaxMs: 200,
    timeoutMs: 1_000,
    maxAttempts: 4,
    ...overrides,
  });
  let sequence = 0;
  const notify = (initiativeId: string) =>
    env.run(activities.notify, {
      key: `initiative-${initiativeId}:c1:step-${++sequence}`,
      initiativeId,
      kind: 'approval-reminder' as const,
      to: { role: 'change-board' },
      subject: 'Plan v1 awaits your approval',
      payload: { planVersion: 1 },
    });
  const deliveries = (initiativeId: string) =>
    dataSource.query(
      `SELECT d.url, d.status, d.attempts, d.last_status, d.last_error, d.next_attempt_at, n.status AS notification_status
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.initiative_id = $1 ORDER BY d.url`,
      [initiativeId],
    );

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    activities = createActivities({ dataSource, logger });
    for (const id of ['hook-retry', 'hook-dead', 'hook-many', 'hook-fast']) {
      await env.run(activities.registerInitiative, {
        workflowId: `initiative-${id}`,
        definition: retailerInitiative(id),
        phase: 'AwaitingApproval',
        cycle: 1,
      });
    }
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('retries a receiver that fails twice, then records the delivery; the signature verifies', async () => {
    const hook = await receiver((count) => (count <= 2 ? 500 : 204));
    servers.push(hook.server);
    await notify('hook-retry');
    const dispatcher = new WebhookDispatcher({ dataSource, logger, webhooks: webhooks([hook.url]) });
    await eventually(async () => {
      await dispatcher.deliverDue();
      expect(await deliveries('hook-retry')).toEqual([
        expect.objectContaining({
          status: 'delivered',
          attempts: 3,
          last_status: 204,
          notification_status: 'delivered',
        }),
      ]);
    });
    expect(hook.received).toHaveLength(3);
    const last = hook.received[2]!;
    expect(last.body).toEqual(
      expect.objectContaining({
        kind: 'approval-reminder',
        initiativeId: 'hook-retry',
        subject: 'Plan v1 awaits your approval',
        recipient: { role: 'change-board', department: null, person: null },
        payload: { planVersion: 1 },
      }),
    );
    const timestamp = String(last.headers['x-cio-timestamp']);
    const signature = String(last.headers['x-cio-signature']);
    expect(verifyWebhook('a-test-secret-of-some-length', timestamp, last.raw, signature)).toBe(true);
    expect(verifyWebhook('another-secret-entirely', timestamp, last.raw, signature)).toBe(false);
    expect(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('gives up on a dead webhook after the attempts, with growing gaps, while a healthy one is served at once', async () => {
    const healthy = await receiver(() => 200);
    servers.push(healthy.server);
    const dead = `http://127.0.0.1:${await freePort()}/nobody-listens`;
    const dispatcher = new WebhookDispatcher({ dataSource, logger, webhooks: webhooks([healthy.url, dead]) });
    await notify('hook-dead');
    await dispatcher.deliverDue();
    expect(healthy.received.filter((r) => r.body.initiativeId === 'hook-dead')).toHaveLength(1);
    const gaps: number[] = [];
    await eventually(async () => {
      const before = (await deliveries('hook-dead')).find((d: { url: string }) => d.url === dead);
      await dispatcher.deliverDue();
      const after = (await deliveries('hook-dead')).find((d: { url: string }) => d.url === dead);
      if (after.attempts > before.attempts && after.status === 'pending') {
        gaps.push(after.next_attempt_at.getTime() - Date.now());
      }
      expect(after).toEqual(expect.objectContaining({ status: 'failed', attempts: 4, last_status: null }));
      expect(after.last_error).toMatch(/ECONNREFUSED|fetch failed/);
    });
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(gaps[gaps.length - 1]!).toBeGreaterThan(gaps[0]!); // 30, 60, 120 ms
    const rows = await deliveries('hook-dead');
    expect(rows.map((r: { notification_status: string }) => r.notification_status)).toEqual([
      'failed',
      'failed',
    ]);
  });

  it('delivers each notification once although two dispatchers work at the same time', async () => {
    const hook = await receiver(() => 200);
    servers.push(hook.server);
    for (let i = 0; i < 50; i++) await notify('hook-many');
    const make = () =>
      new WebhookDispatcher({ dataSource, logger, webhooks: webhooks([hook.url]), batchSize: 10 });
    const [a, b] = [make(), make()];
    await eventually(async () => {
      await Promise.all([a.deliverDue(), b.deliverDue()]);
      const received = hook.received.filter((r) => r.body.initiativeId === 'hook-many');
      expect(received).toHaveLength(50);
    });
    const keys = hook.received
      .filter((r) => r.body.initiativeId === 'hook-many')
      .map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(50);
  });

  it('never makes the workflow wait: enqueueing returns at once while the webhook is dead', async () => {
    const started = Date.now();
    await notify('hook-fast');
    expect(Date.now() - started).toBeLessThan(2_000);
    const [row] = await dataSource.query(
      `SELECT status FROM notifications WHERE initiative_id = 'hook-fast'`,
    );
    expect(row.status).toBe('pending');
  });

  it('runs as a loop that stops cleanly', async () => {
    const hook = await receiver(() => 200);
    servers.push(hook.server);
    const dispatcher = new WebhookDispatcher({
      dataSource,
      logger,
      webhooks: webhooks([hook.url], { pollIntervalMs: 20 }),
    });
    dispatcher.start();
    await eventually(() => expect(hook.received.length).toBeGreaterThan(0));
    await dispatcher.stop();
  });
});
