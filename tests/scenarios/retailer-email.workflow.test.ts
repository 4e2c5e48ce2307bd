import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  approvePlanUpdate,
  completeTaskUpdate,
  completeTrainingUpdate,
  type InitiativeState,
  INITIATIVE_WORKFLOW_TYPE,
  rejectPlanUpdate,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { createDataSource, recordTokenClaims } from '@cio/persistence';
import {
  changeBoard,
  createTestDatabase,
  csLead,
  eventually,
  itEngineer,
  type Mailbox,
  manager,
  type ReceivedMail,
  retailerCycle1Plan,
  retailerInitiative,
  samplesAround,
  startMailbox,
  startTimeSkippingServer,
  storeSamples,
  type TestDatabase,
  trainee,
} from '@cio/testing';
import type { EntryPointProcess } from '../support/entry-point';
import { buildWorkflowBundle, workerProcess } from '../support/worker-process';

// The retailer scenario's first cycle (baseline, a rejected and an approved plan, the task and the
// trainings, a reminder for a late trainee) on the time-skipping server, with the production
// worker as its own OS process emailing the outbox through a real SMTP server (smtp-server, in
// this process). The worker, and with it its email dispatcher, is killed with SIGKILL while
// assignment emails are still owed, and a new one takes over: every person gets exactly the
// emails their waits imply, each once, in their own language.
const DAY = 86_400_000;
const WEB = 'https://cio.example.com/app';

/** A header as the mail reader sees it (unfolded: long keys span lines on the wire). */
const header = (received: ReceivedMail, name: string) => {
  const value = received.mail.headers.get(name);
  return typeof value === 'string' ? value : undefined;
};
const address = (id: string) => `${id}@retailer.example.com`;
const HAN = /\p{Script=Han}/u;

describe('retailer scenario emails (time-skipping, worker killed)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let dataSource: DataSource;
  let mailbox: Mailbox;
  let bundle: { path: string; remove(): void };
  let worker: EntryPointProcess | undefined;
  const taskQueue = `retailer-email-${randomUUID()}`;

  beforeAll(async () => {
    [env, db, bundle, mailbox] = await Promise.all([
      startTimeSkippingServer(),
      createTestDatabase({ migrated: true }),
      buildWorkflowBundle(),
      startMailbox(),
    ]);
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    worker = await workerProcess({
      name: 'retailer-email',
      temporalAddress: env.address,
      databaseUrl: db.url,
      taskQueue,
      bundlePath: bundle.path,
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mailbox.port),
        MAIL_FROM: 'cio@retailer.example.com',
        MAIL_TIMEOUT_MS: '2000',
        MAIL_BACKOFF_MS: '100',
        MAIL_MAX_ATTEMPTS: '50',
        MAIL_POLL_INTERVAL_MS: '100',
        PUBLIC_WEB_URL: WEB,
        // No sticky cache: the time-skipping server does not hand a killed worker's sticky tasks
        // on, so each workflow task replays the history (any worker can take it).
        WORKER_MAX_CACHED_WORKFLOWS: '0',
      },
    });
    await worker.start();
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    worker?.saveLog();
    bundle?.remove();
    await mailbox?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
    await env?.teardown();
  });

  it('emails exactly the expected people, each once, across a worker kill; chen in Chinese', async () => {
    // The directory, as the people's tokens put them there: each actor of the scenario, and dora,
    // a customer-service agent nothing waits on.
    const people = [
      manager,
      csLead,
      changeBoard,
      itEngineer,
      ...['alice', 'bob', 'chen', 'dora'].map(trainee),
    ];
    for (const p of people) {
      await recordTokenClaims(dataSource, {
        id: p.user,
        email: address(p.user),
        displayName: `${p.user[0]!.toUpperCase()}${p.user.slice(1)}`,
        locale: p.user === 'chen' ? 'zh-CN' : 'en',
        roles: p.roles,
        departments: p.departments,
      });
    }

    const initiative = retailerInitiative(`retailer-mail-${randomUUID().slice(0, 8)}`);
    const handle: WorkflowHandle = await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue,
      ...initiativeStartOptions(initiative),
    });
    const describe = () =>
      env.client.connection.withDeadline(Date.now() + 2_000, () =>
        env.client.workflow.getHandle(handle.workflowId).describe(),
      );
    const phaseIs = (phase: InitiativeState['phase'], cycle: number) =>
      eventually(async () => {
        const { searchAttributes } = await describe();
        expect([searchAttributes.CiPhase, searchAttributes.CiCycle]).toEqual([[phase], [cycle]]);
      }, 60_000);
    const audited = (action: string, cycle: number) =>
      eventually(async () => {
        const rows: { details: Record<string, unknown>; occurred_at: Date }[] = await dataSource.query(
          `SELECT details, occurred_at FROM audit_entries WHERE initiative_id = $1 AND action = $2 AND cycle = $3 ORDER BY id DESC`,
          [initiative.id, action, cycle],
        );
        expect(rows.length).toBeGreaterThanOrEqual(1);
        return { ...rows[0]!.details, at: rows[0]!.occurred_at.toISOString() } as Record<string, unknown> & {
          at: string;
        };
      }, 60_000);
    /** Each email received, as `address kind about` (about: the wait's subject, if any). */
    const receivedEmails = async () => {
      const rows: { key: string; kind: string; about: string }[] = await dataSource.query(
        `SELECT key, kind, COALESCE(facts->>'subject', '') AS about FROM notifications WHERE initiative_id = $1`,
        [initiative.id],
      );
      const byKey = new Map(rows.map((r) => [r.key, r]));
      return mailbox.received.map((r) => {
        const n = byKey.get(header(r, 'x-cio-notification') ?? '');
        return `${r.to.join(',')} ${n?.kind ?? 'unknown'} ${n?.about ?? ''}`.trim();
      });
    };

    // Assess: 40 samples with median 12; the baseline after 7 days.
    await phaseIs('Assessing', 1);
    const started = (await describe()).startTime.getTime();
    await storeSamples(dataSource, initiative.id, 'response_minutes', samplesAround(12, 40), {
      from: new Date(started + 60_000).toISOString(),
      to: new Date(started + 7 * DAY - 60_000).toISOString(),
    });
    await env.sleep(7 * DAY);
    await phaseIs('Planning', 1);
    const baseline = await audited('baseline-recorded', 1);
    const plan = retailerCycle1Plan(baseline.at);

    // Plan v1 is rejected by the change board, v2 submitted: both approvers are asked twice.
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan }] });
    await handle.executeUpdate(rejectPlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 1, reason: 'no rollback plan' }],
    });
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan }] });
    await eventually(async () => expect(mailbox.received).toHaveLength(4), 60_000);

    // The mail server is busy while both approve: the task and training emails are owed, tried
    // and retried, when the worker (and its email dispatcher) is killed.
    mailbox.busy = true;
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 2 }] });
    const approved = await handle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 2 }],
    });
    expect(approved.phase).toBe('Implementing');
    await eventually(async () => {
      const owed: { kind: string; person_id: string; status: string; attempts: number }[] =
        await dataSource.query(
          `SELECT n.kind, d.person_id, d.status, d.attempts
             FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.initiative_id = $1 AND d.channel = 'email' AND n.kind IN ('task-assigned', 'training-assigned')`,
          [initiative.id],
        );
      expect(owed.length).toBeGreaterThanOrEqual(5); // ivan and omar (it), alice, bob, chen
      for (const d of owed) expect(d).toEqual(expect.objectContaining({ status: 'pending' }));
      expect(owed.some((d) => d.attempts > 0)).toBe(true);
    }, 60_000);
    expect(mailbox.received).toHaveLength(4);
    await worker!.kill('SIGKILL');
    mailbox.busy = false;
    await worker!.start();

    // A new worker carries on: it confirms the system; alice and bob train; chen is late and
    // reminded, then trains.
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ actor: itEngineer, taskId: 'automation-live' }],
    });
    await handle.executeUpdate(completeTrainingUpdate, {
      args: [{ actor: trainee('alice'), person: 'alice' }],
    });
    await handle.executeUpdate(completeTrainingUpdate, { args: [{ actor: trainee('bob'), person: 'bob' }] });
    await env.sleep(11 * DAY);
    const nudged = await audited('implementation-nudged', 1);
    expect(nudged.nudges).toEqual([{ kind: 'training', id: 'chen', nudge: 'reminder', number: 1 }]);
    await handle.executeUpdate(completeTrainingUpdate, {
      args: [{ actor: trainee('chen'), person: 'chen' }],
    });
    await phaseIs('Evaluating', 1);

    // Every email owed has gone out (an attempt cut off by the kill comes back after its lease).
    await eventually(async () => {
      const pending: unknown[] = await dataSource.query(
        `SELECT 1 FROM notification_deliveries WHERE channel = 'email' AND status <> 'delivered'`,
      );
      expect(pending).toEqual([]);
      const unfanned: unknown[] = await dataSource.query(
        `SELECT 1 FROM notifications WHERE emailed_at IS NULL`,
      );
      expect(unfanned).toEqual([]);
      expect(mailbox.received.length).toBeGreaterThanOrEqual(10);
    }, 120_000);
    // A moment more: a duplicate from the replaced dispatcher would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect((await receivedEmails()).sort()).toEqual(
      [
        `${address('li')} approval-requested plan version 1`,
        `${address('li')} approval-requested plan version 2`,
        `${address('omar')} approval-requested plan version 1`,
        `${address('omar')} approval-requested plan version 2`,
        `${address('ivan')} task-assigned automation-live`,
        `${address('omar')} task-assigned automation-live`,
        `${address('alice')} training-assigned alice`,
        `${address('bob')} training-assigned bob`,
        `${address('chen')} training-assigned chen`,
        `${address('chen')} training-reminder`,
      ].sort(),
    );
    // Each once: no notification twice to one address, no Message-ID twice.
    const sent = mailbox.received.map((r) => `${r.to.join(',')} ${header(r, 'x-cio-notification')}`);
    expect(new Set(sent).size).toBe(sent.length);
    const ids = mailbox.received.map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    // Nobody else: not the manager, not dora (a trainee's wait names the trainee, not the department).
    const reached = new Set(mailbox.received.flatMap((r) => r.to));
    expect(reached).not.toContain(address('maria'));
    expect(reached).not.toContain(address('dora'));

    // chen reads Chinese; everyone else English.
    for (const r of mailbox.received) {
      const chinese = r.to.includes(address('chen'));
      expect([r.to, HAN.test(r.mail.subject ?? '')]).toEqual([r.to, chinese]);
      expect([r.to, HAN.test(r.mail.text ?? '')]).toEqual([r.to, chinese]);
      expect(r.mail.text).toContain(`${WEB}/initiatives/${initiative.id}`);
    }
  }, 300_000);
});
