import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities, dayIn } from '@cio/activities';
import type { DigestPayload, WaitingOn } from '@cio/contracts';
import {
  createDelegation,
  enqueueNotification,
  recordTokenClaims,
  setNotificationPreferences,
} from '@cio/persistence';
import { eventually, retailerInitiative, startDevServer } from '@cio/testing';
import { DIGEST_SCHEDULE_ID, ensureDigestSchedule } from '@cio/worker';
import { recordHistories } from '../replay/record-histories';
import { type InitiativeHarness, startInitiativeHarness } from '../support/initiative-harness';

// The daily digest against a real Temporal dev server (it has Schedules) and a real PostgreSQL,
// with the production worker: the schedule setup makes, what one run enqueues for each person,
// and that a second run of the day enqueues nothing again.
const HOUR = 3_600_000;

describe('the daily digest', () => {
  let harness: InitiativeHarness;
  let dataSource: DataSource;
  const logger = pino({ level: 'silent' });
  const now = Date.now();
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();

  const wait = (kind: string, who: WaitingOn['who'], subject: string, dueAt: string | null): WaitingOn =>
    ({ kind, who, subject, since: iso(-48 * HOUR), dueAt, remindersSent: 0, escalatedTo: null }) as WaitingOn;

  /** An initiative registered as its workflow's first activity would, waiting on `waits`. */
  async function initiativeWaitingOn(id: string, title: string, waits: WaitingOn[]) {
    const activities = createActivities({ dataSource, logger });
    await new MockActivityEnvironment().run(activities.registerInitiative, {
      workflowId: `initiative-${id}`,
      definition: { ...retailerInitiative(id), title },
      phase: 'AwaitingApproval',
      cycle: 1,
    });
    await dataSource.query(
      `UPDATE initiatives SET waiting_on = $2::jsonb, waiting_roles = $3, waiting_departments = $4,
              waiting_people = $5, next_due_at = $6 WHERE id = $1`,
      [
        id,
        JSON.stringify(waits),
        waits.flatMap((w) => (w.who.role ? [w.who.role] : [])),
        waits.flatMap((w) => (w.who.department ? [w.who.department] : [])),
        waits.flatMap((w) => (w.who.person ? [w.who.person] : [])),
        waits
          .map((w) => w.dueAt)
          .filter((d) => d !== null)
          .sort()[0] ?? null,
      ],
    );
  }

  const digests = async (): Promise<{ person: string; subject: string; payload: DigestPayload }[]> =>
    dataSource.query(
      `SELECT recipient_person AS person, subject, payload FROM notifications
        WHERE kind = 'daily-digest' ORDER BY recipient_person`,
    );

  beforeAll(async () => {
    harness = await startInitiativeHarness(() => startDevServer(), 'daily-digest');
    dataSource = harness.dataSource;
    const person = (id: string, roles: string[], departments: string[], email = `${id}@example.com`) =>
      recordTokenClaims(dataSource, { id, email, roles, departments });
    await person('li', ['cs-lead'], ['customer-service']);
    await person('wang', ['change-board'], ['it']);
    await person('zhao', ['cio'], ['management']); // the policy escalates to cio
    await person('sun', [], ['customer-service']); // stands in for li
    await person('mute', ['cs-lead'], ['customer-service']);
    await person('idle', ['nobody-waits-on-me'], ['finance']);
    await setNotificationPreferences(dataSource, 'mute', { 'daily-digest': 'off' });
    await setNotificationPreferences(dataSource, 'wang', { 'approval-reminder': 'digest' });
    await createDelegation(dataSource, {
      delegator: 'li',
      delegate: 'sun',
      startsAt: iso(-HOUR),
      endsAt: iso(72 * HOUR),
      reason: 'annual leave',
    });

    await initiativeWaitingOn('digest-chat', 'Chat <b>first</b> line', [
      wait('approval', { role: 'cs-lead' }, 'plan version 2', iso(24 * HOUR)),
      wait('approval', { role: 'change-board' }, 'plan version 2', iso(-2 * HOUR)), // overdue
    ]);
    await initiativeWaitingOn('digest-kb', 'Knowledge base', [
      wait('training', { person: 'sun', department: 'customer-service' }, 'sun', iso(-HOUR)), // overdue
      wait('task', { department: 'it' }, 'kb-live', null),
    ]);
    await enqueueNotification(dataSource, {
      key: 'digest-test:reminder',
      initiativeId: 'digest-chat',
      kind: 'approval-reminder',
      to: { role: 'change-board' },
      subject: 'Plan v2 of "Chat" awaits your approval (reminder 1/3)',
      payload: {},
    });
    // Sent an hour ago (before the run's scheduled instant).
    await dataSource.query(
      `UPDATE notifications SET created_at = now() - interval '1 hour' WHERE key = 'digest-test:reminder'`,
    );
  });
  afterAll(() => harness?.stop());

  it('is scheduled once a day at DIGEST_TIME in DIGEST_TIMEZONE, and follows a changed configuration', async () => {
    const config = {
      ...harness.config,
      digest: { hour: 7, minute: 30, timeZone: 'Asia/Shanghai' },
    };
    const connection = harness.env.connection;
    expect(await ensureDigestSchedule(connection, config)).toBe('created');
    const handle = harness.env.client.schedule.getHandle(DIGEST_SCHEDULE_ID);
    let described = await handle.describe();
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 7, end: 7, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
      }),
    ]);
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.action).toEqual(
      expect.objectContaining({
        workflowType: 'dailyDigestWorkflow',
        taskQueue: harness.config.temporal.taskQueue,
      }),
    );

    expect(
      await ensureDigestSchedule(connection, { ...config, digest: { hour: 6, minute: 0, timeZone: 'UTC' } }),
    ).toBe('updated');
    described = await handle.describe();
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 6, end: 6, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      }),
    ]);
    expect(described.spec.timezone).toBe('UTC');
  });

  it('gives each person what waits on them, overdue first, and escalation roles what is overdue', async () => {
    // A run as the schedule starts it, by the worker.
    await harness.env.client.schedule.getHandle(DIGEST_SCHEDULE_ID).trigger();
    const sent = await eventually(async () => {
      const rows = await digests();
      expect(rows.map((row) => row.person)).toEqual(['li', 'sun', 'wang', 'zhao']);
      return rows;
    });
    for await (const run of harness.env.client.workflow.list({
      query: `WorkflowType = 'dailyDigestWorkflow'`,
    }))
      await recordHistories(harness.env.client, run.workflowId, 'daily-digest');
    const of = (person: string) => sent.find((row) => row.person === person)!.payload;
    const lines = (digest: DigestPayload['waiting']) =>
      digest.map((line) => [line.initiativeId, line.kind, line.subject, line.overdue, line.onBehalfOf]);

    expect(of('li').day).toBe(dayIn(new Date(), 'UTC'));
    expect(lines(of('li').waiting)).toEqual([['digest-chat', 'approval', 'plan version 2', false, null]]);
    // Sun's own overdue training first, then what waits on Li, whom Sun stands in for.
    expect(lines(of('sun').waiting)).toEqual([
      ['digest-kb', 'training', 'sun', true, null],
      ['digest-chat', 'approval', 'plan version 2', false, 'li'],
    ]);
    // Wang: the overdue approval of his board first, then his department's task without a deadline;
    // and he chose to hear of approval reminders in the digest.
    expect(lines(of('wang').waiting)).toEqual([
      ['digest-chat', 'approval', 'plan version 2', true, null],
      ['digest-kb', 'task', 'kb-live', false, null],
    ]);
    expect(of('wang').notices).toEqual([
      expect.objectContaining({
        kind: 'approval-reminder',
        initiativeId: 'digest-chat',
        title: 'Chat <b>first</b> line',
      }),
    ]);
    // Zhao holds the escalation role: nothing waits on him, but he sees what is overdue.
    expect(of('zhao').waiting).toEqual([]);
    expect(lines(of('zhao').overdue)).toEqual([
      ['digest-chat', 'approval', 'plan version 2', true, null],
      ['digest-kb', 'training', 'sun', true, null],
    ]);
    expect(sent.find((row) => row.person === 'zhao')!.subject).toMatch(/0 waiting on you, 2 overdue/);
    // Mute turned the digest off; idle has nothing waiting: no digest for either.
  });

  it('enqueues nobody twice when a run of the same day is retried', async () => {
    const activities = createActivities({ dataSource, logger });
    const result = await new MockActivityEnvironment().run(activities.sendDailyDigests, {
      at: new Date().toISOString(),
      timeZone: 'UTC',
    });
    expect(result).toEqual({ day: dayIn(new Date(), 'UTC'), enqueued: 0, empty: 1 });
    expect(await digests()).toHaveLength(4);
  });
});
