import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities, type NotifyInput } from '@cio/activities';
import { type AppConfig, loadConfig } from '@cio/config';
import { DIGEST_KIND, type DigestPayload, type Locale, type WaitingOn } from '@cio/contracts';
import {
  createDataSource,
  createDelegation,
  fanOutDeliveries,
  putPerson,
  setNotificationPreferences,
} from '@cio/persistence';
import {
  createTestDatabase,
  eventually,
  freePort,
  type Mailbox,
  type ReceivedMail,
  retailerInitiative,
  startMailbox,
  type TestDatabase,
} from '@cio/testing';
import { type DeliveryCounts, EmailDispatcher } from '@cio/worker';

// The outbox emailed through a real SMTP server on 127.0.0.1 (smtp-server, in this process): to
// every person a notification reaches, in their language, as they chose; bounces failed at once,
// transient refusals retried, and shared by concurrent dispatchers.
const WEB = 'https://cio.example.com/app';

interface DeliveryRow {
  id: string;
  person_id: string;
  address: string | null;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  wait_ms: number;
}

describe('email delivery of the notification outbox', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createActivities>;
  let mailbox: Mailbox;
  const env = new MockActivityEnvironment();
  const logger = pino({ level: 'silent' });
  const dispatchers: EmailDispatcher[] = [];

  const mail = (port: number, overrides: Partial<NonNullable<AppConfig['mail']>> = {}) => ({
    ...loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) }).mail!,
    timeoutMs: 2_000,
    maxAttempts: 4,
    backoffMs: 30,
    pollIntervalMs: 20,
    ...overrides,
  });

  const dispatcher = (
    options: {
      port?: number;
      mail?: Partial<NonNullable<AppConfig['mail']>>;
      webhooks?: boolean;
      batchSize?: number;
    } = {},
  ) => {
    const made = new EmailDispatcher({
      dataSource,
      logger,
      mail: mail(options.port ?? mailbox.port, options.mail),
      publicWebUrl: WEB,
      timeZone: 'UTC',
      webhooks: options.webhooks ?? false,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    dispatchers.push(made);
    return made;
  };

  const person = (id: string, locale: Locale, roles: string[], email: string | null = `${id}@example.com`) =>
    putPerson(dataSource, {
      id,
      email,
      displayName: `${id[0]!.toUpperCase()}${id.slice(1)} Person`,
      locale,
      roles,
      departments: [],
    });

  const initiative = async (id: string, waitingOn: WaitingOn[] = [], title?: string) => {
    const definition = retailerInitiative(id);
    await env.run(activities.registerInitiative, {
      workflowId: `initiative-${id}`,
      definition: title ? { ...definition, title } : definition,
      phase: 'AwaitingApproval',
      cycle: 1,
    });
    await dataSource.query(`UPDATE initiatives SET waiting_on = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify(waitingOn),
    ]);
  };

  const approvalWait = (role: string): WaitingOn => ({
    kind: 'approval',
    who: { role },
    subject: 'plan version 1',
    since: '2026-12-01T08:00:00.000Z',
    dueAt: '2026-12-03T08:00:00.000Z',
    remindersSent: 1,
    escalatedTo: null,
  });

  let sequence = 0;
  const notify = (initiativeId: string, overrides: Partial<NotifyInput> = {}) => {
    const input: NotifyInput = {
      key: `initiative-${initiativeId}:c1:v1:approval-reminder-${++sequence}`,
      initiativeId,
      kind: 'approval-reminder',
      to: { role: 'change-board' },
      subject: 'Plan v1 of "Cut response time" awaits your approval (reminder 1/3)',
      payload: { planVersion: 1 },
      facts: { planVersion: 1, number: 1, maxReminders: 3 },
      ...overrides,
    };
    return env.run(activities.notify, input);
  };

  const deliveries = (notificationKey?: string): Promise<DeliveryRow[]> =>
    dataSource.query(
      `SELECT d.id::text AS id, d.person_id, d.address, d.status, d.attempts, d.last_status, d.last_error,
              (extract(epoch FROM d.next_attempt_at - now()) * 1000)::float8 AS wait_ms
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE d.channel = 'email' AND ($1::text IS NULL OR n.key = $1)
        ORDER BY n.id, d.person_id`,
      [notificationKey ?? null],
    );
  const notifications = (): Promise<{ key: string; status: string; emailed_at: Date | null }[]> =>
    dataSource.query(`SELECT key, status, emailed_at FROM notifications ORDER BY id`);

  /** Passes until no delivery is pending. */
  const deliverAll = (email: EmailDispatcher) =>
    eventually(async () => {
      await email.deliverDue();
      const rows = await deliveries();
      expect(rows.filter((d) => d.status === 'pending')).toEqual([]);
      return rows;
    });

  const header = (received: ReceivedMail, name: string) =>
    received.mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    activities = createActivities({ dataSource, logger });
    mailbox = await startMailbox();
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    await dataSource.query(`DELETE FROM notifications`);
    mailbox.received.length = 0;
    mailbox.refusals.clear();
  });
  afterAll(async () => {
    await mailbox.close();
    await dataSource.destroy();
    await db.drop();
  });

  it('emails a reminder to every holder of the role in their own language, as each chose', async () => {
    await initiative('mail-role', [approvalWait('change-board')], 'Cut response time');
    await person('ann', 'en', ['change-board']);
    await person('bo', 'zh-CN', ['change-board']);
    await person('cy', 'en', ['change-board']);
    await person('dee', 'en', ['change-board']);
    await setNotificationPreferences(dataSource, 'cy', { 'approval-reminder': 'off' });
    await setNotificationPreferences(dataSource, 'dee', { 'approval-reminder': 'digest' });
    await notify('mail-role');

    const rows = await deliverAll(dispatcher());
    expect(rows).toEqual([
      expect.objectContaining({
        person_id: 'ann',
        address: 'ann@example.com',
        status: 'delivered',
        attempts: 1,
        last_status: 250,
      }),
      expect.objectContaining({
        person_id: 'bo',
        address: 'bo@example.com',
        status: 'delivered',
        attempts: 1,
        last_status: 250,
      }),
    ]);
    expect(mailbox.received.map((r) => r.to)).toEqual(
      expect.arrayContaining([['ann@example.com'], ['bo@example.com']]),
    );
    expect(mailbox.received).toHaveLength(2);
    const [notification] = await notifications();
    expect(notification).toEqual(
      expect.objectContaining({ status: 'delivered', emailed_at: expect.any(Date) }),
    );

    const [ann] = mailbox.to('ann@example.com');
    expect(ann!.mail.subject).toBe('Plan v1 of "Cut response time" awaits your approval (reminder 1/3)');
    expect(ann!.mail.text).toContain('Hello Ann Person,');
    expect(ann!.mail.text).toContain(
      'Approval of the plan version 1: waiting on role change-board since Dec 1, 2026, 8:00 AM UTC; due Dec 3, 2026, 8:00 AM UTC',
    );
    expect(ann!.mail.text).toContain(`${WEB}/initiatives/mail-role`);
    expect(ann!.mail.text).toContain(`${WEB}/settings`);
    expect(ann!.mail.html).toContain(`href="${WEB}/initiatives/mail-role"`);
    expect(ann!.mail.to).toEqual(
      expect.objectContaining({ value: [{ address: 'ann@example.com', name: 'Ann Person' }] }),
    );

    const [bo] = mailbox.to('bo@example.com');
    expect(bo!.mail.subject).toBe('“Cut response time”的计划 v1 等待你审批（第 1/3 次提醒）');
    expect(bo!.mail.text).toContain('Bo Person，您好：');
    expect(bo!.mail.text).toContain(
      '等待 change-board 角色，始于 2026年12月1日 UTC 08:00；截止 2026年12月3日 UTC 08:00',
    );
    expect(bo!.mail.text).toContain(`${WEB}/initiatives/mail-role`);
    expect(bo!.mail.html).toContain('<html lang="zh-CN">');

    // The same Message-ID on every retry (the delivery's), and the headers mail systems read.
    for (const received of [ann!, bo!]) {
      const delivery = rows.find((d) => received.to.includes(d.address ?? ''))!;
      expect(received.mail.messageId).toBe(`<cio-delivery-${delivery.id}@cio.example.com>`);
      expect(header(received, 'auto-submitted')).toBe('auto-generated');
      expect(header(received, 'x-cio-notification')).toBe(notification!.key);
      expect(header(received, 'list-unsubscribe')).toBe(`<${WEB}/settings>`);
      expect(received.from).toBe('cio@localhost');
    }
  });

  it('tells a delegate, on behalf of whom, as well as the person they stand in for', async () => {
    await initiative('mail-delegate', [approvalWait('cab')], 'Cut response time');
    await person('lin', 'en', ['cab']);
    await person('max', 'en', []);
    await createDelegation(dataSource, {
      delegator: 'lin',
      delegate: 'max',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'holiday',
    });
    await notify('mail-delegate', { to: { role: 'cab' } });

    await deliverAll(dispatcher());
    expect(mailbox.received).toHaveLength(2);
    const [lin] = mailbox.to('lin@example.com');
    const [max] = mailbox.to('max@example.com');
    expect(max!.mail.text).toContain(
      'You receive this on behalf of Lin Person, who delegated their work to you.',
    );
    expect(max!.mail.text).toContain('waiting on role cab');
    expect(lin!.mail.text).not.toContain('on behalf of');
  });

  it('writes to nobody the directory has no address for, and the others get theirs', async () => {
    await initiative('mail-noaddress', [approvalWait('quality')]);
    await person('nomail', 'en', ['quality'], null);
    await person('qa', 'en', ['quality']);
    await notify('mail-noaddress', { to: { role: 'quality' } });

    expect(await dispatcher().deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(await deliveries()).toEqual([expect.objectContaining({ person_id: 'qa', status: 'delivered' })]);
    expect(mailbox.received.map((r) => r.to)).toEqual([['qa@example.com']]);
    expect(await notifications()).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });

  it('fails a bounced recipient (550) at once, with the server’s answer recorded', async () => {
    await initiative('mail-bounce', [approvalWait('bouncers')]);
    await person('gone', 'en', ['bouncers']);
    mailbox.refusals.set('gone@example.com', () => 550);
    await notify('mail-bounce', { to: { role: 'bouncers' } });

    expect(await dispatcher().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(await deliveries()).toEqual([
      expect.objectContaining({
        person_id: 'gone',
        status: 'failed',
        attempts: 1,
        last_status: 550,
        last_error: expect.stringMatching(/^EENVELOPE: 550 .*No such user here/),
      }),
    ]);
    expect(mailbox.received).toEqual([]);
  });

  it('retries a transient refusal (451) with a longer wait each time, then delivers once', async () => {
    await initiative('mail-busy', [approvalWait('busy-board')]);
    await person('busy', 'en', ['busy-board']);
    mailbox.refusals.set('busy@example.com', (attempt) => (attempt <= 2 ? 451 : undefined));
    await notify('mail-busy', { to: { role: 'busy-board' } });
    const email = dispatcher({ mail: { backoffMs: 500 } });

    expect(await email.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const [first] = await deliveries();
    expect(first).toEqual(
      expect.objectContaining({
        status: 'pending',
        attempts: 1,
        last_status: 451,
        last_error: expect.stringMatching(/451/),
      }),
    );
    expect(first!.wait_ms).toBeGreaterThan(0);
    expect(first!.wait_ms).toBeLessThanOrEqual(500);
    // Not due yet: the next pass leaves it alone.
    expect(await email.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const second = await eventually(async () => {
      await email.deliverDue();
      const [row] = await deliveries();
      expect(row!.attempts).toBe(2);
      return row!;
    });
    expect(second.wait_ms).toBeGreaterThan(500); // 1,000 ms: doubled
    expect(second.wait_ms).toBeLessThanOrEqual(1_000);

    const [done] = await deliverAll(email);
    expect(done).toEqual(
      expect.objectContaining({ status: 'delivered', attempts: 3, last_status: 250, last_error: null }),
    );
    expect(mailbox.to('busy@example.com')).toHaveLength(1);
  });

  it('retries a server that does not answer, then gives up after MAIL_MAX_ATTEMPTS', async () => {
    await initiative('mail-down', [approvalWait('down-board')]);
    await person('down', 'en', ['down-board']);
    await notify('mail-down', { to: { role: 'down-board' } });
    const email = dispatcher({ port: await freePort(), mail: { maxAttempts: 2, backoffMs: 20 } });

    expect(await email.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const [failed] = await deliverAll(email);
    expect(failed).toEqual(
      expect.objectContaining({
        status: 'failed',
        attempts: 2,
        last_status: null,
        last_error: expect.stringMatching(/ECONNREFUSED|ECONNECTION|ESOCKET/),
      }),
    );
  });

  it('sends each notification once to each person although two dispatchers work at the same time', async () => {
    await initiative('mail-many', [approvalWait('pair')]);
    await person('pia', 'en', ['pair']);
    await person('pol', 'zh-CN', ['pair']);
    for (let i = 0; i < 20; i++) await notify('mail-many', { to: { role: 'pair' } });
    const [a, b] = [dispatcher({ batchSize: 5 }), dispatcher({ batchSize: 5 })];
    const totals = [0, 0];
    const sum = (counts: DeliveryCounts) => counts.delivered + counts.retried + counts.failed;

    await eventually(async () => {
      const passes = await Promise.all([a!.deliverDue(), b!.deliverDue()]);
      passes.forEach((counts, i) => (totals[i]! += sum(counts)));
      expect(await notifications()).toEqual(
        Array.from({ length: 20 }, () => expect.objectContaining({ status: 'delivered' })),
      );
    });

    expect(totals[0]).toBeGreaterThan(0);
    expect(totals[1]).toBeGreaterThan(0);
    expect(totals[0]! + totals[1]!).toBe(40);
    expect(mailbox.received).toHaveLength(40);
    const keys = (await notifications()).map((n) => n.key).sort();
    for (const address of ['pia@example.com', 'pol@example.com']) {
      expect(
        mailbox
          .to(address)
          .map((r) => header(r, 'x-cio-notification'))
          .sort(),
      ).toEqual(keys);
    }
    expect(new Set((await deliveries()).map((d) => d.attempts))).toEqual(new Set([1]));
  });

  it('escapes the title in the HTML part of a multipart message, and keeps it as typed in the text', async () => {
    const title = '<script>alert(1)</script> & "x"';
    await initiative('mail-escape', [], title);
    await person('esc', 'en', ['escapers']);
    await notify('mail-escape', {
      kind: 'target-met',
      to: { role: 'escapers' },
      subject: `"${title}" met its target in cycle 1`,
      facts: { cycle: 1 },
    });

    await deliverAll(dispatcher());
    const [received] = mailbox.to('esc@example.com');
    expect(received!.mail.headers.get('content-type')).toEqual(
      expect.objectContaining({ value: 'multipart/alternative' }),
    );
    expect(received!.mail.subject).toBe(`"${title}" met its target in cycle 1`);
    expect(received!.mail.text).toContain(`"${title}" met its target in cycle 1.`);
    const html = String(received!.mail.html);
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '&quot;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;&quot; met its target',
    );
  });

  it('with webhooks configured, emails a notification once its webhook deliveries exist', async () => {
    await initiative('mail-webhooks', [approvalWait('hooked')]);
    await person('hook', 'en', ['hooked']);
    await notify('mail-webhooks', { to: { role: 'hooked' } });
    const email = dispatcher({ webhooks: true });

    await email.deliverDue();
    expect(await notifications()).toEqual([expect.objectContaining({ emailed_at: null })]);
    await fanOutDeliveries(dataSource, ['http://127.0.0.1:9/hook']);
    await deliverAll(email);
    expect(mailbox.to('hook@example.com')).toHaveLength(1);
    // Its webhook delivery is still to come: the notification waits for it.
    expect(await notifications()).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('emails a daily digest to its person only (not their delegate), unless they turned it off', async () => {
    await person('dia', 'zh-CN', []);
    await person('dan', 'en', []);
    await person('dot', 'en', []);
    await setNotificationPreferences(dataSource, 'dan', { 'approval-reminder': 'digest' });
    await createDelegation(dataSource, {
      delegator: 'dia',
      delegate: 'dot',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      reason: 'holiday',
    });
    await dataSource.query(
      `INSERT INTO notification_preferences (person_id, kind, mode) VALUES ('dot', $1, 'off')`,
      [DIGEST_KIND],
    );
    const payload: DigestPayload = {
      day: '2026-12-02',
      waiting: [
        {
          initiativeId: 'mail-role',
          title: 'Cut response time',
          kind: 'approval',
          subject: 'plan version 1',
          who: { role: 'change-board' },
          since: '2026-12-01T08:00:00.000Z',
          dueAt: '2026-12-01T20:00:00.000Z',
          overdue: true,
          onBehalfOf: null,
        },
      ],
      overdue: [],
      notices: [],
    };
    for (const who of ['dia', 'dan', 'dot']) {
      await dataSource.query(
        `INSERT INTO notifications (key, initiative_id, kind, recipient_person, subject, payload)
         VALUES ($1, NULL, $2, $3, $4, $5)`,
        [`digest:${who}:2026-12-02`, DIGEST_KIND, who, 'Your digest for 2026-12-02', JSON.stringify(payload)],
      );
    }

    await deliverAll(dispatcher());
    expect(mailbox.received.map((r) => r.to).sort()).toEqual([['dan@example.com'], ['dia@example.com']]);
    const [dia] = mailbox.to('dia@example.com');
    expect(dia!.mail.subject).toBe('2026年12月2日 每日摘要：1 项待你处理，1 项已逾期');
    expect(dia!.mail.text).toContain(`${WEB}/initiatives/mail-role`);
    expect(dia!.mail.text).toContain('（已逾期）');
  });

  it('does not email a notification written more than a day before email saw it', async () => {
    await initiative('mail-stale', [approvalWait('stale-board')]);
    await person('old', 'en', ['stale-board']);
    await notify('mail-stale', { to: { role: 'stale-board' } });
    await dataSource.query(`UPDATE notifications SET created_at = now() - interval '2 days'`);

    expect(await dispatcher().deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(await deliveries()).toEqual([]);
    expect(await notifications()).toEqual([expect.objectContaining({ emailed_at: expect.any(Date) })]);
  });

  it('runs as a loop beside the worker and stops cleanly', async () => {
    await initiative('mail-loop', [approvalWait('loopers')]);
    await person('loop', 'en', ['loopers']);
    const email = dispatcher();
    email.start();
    await notify('mail-loop', { to: { role: 'loopers' } });
    await eventually(() => expect(mailbox.to('loop@example.com')).toHaveLength(1));
    await email.stop();
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });
});
