import { randomUUID } from 'node:crypto';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { watchScheduleId } from '@cio/contracts';
import { eventually } from '@cio/testing';
import { people } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// Service watches over HTTP, against the real gateway, the Temporal dev server (which has
// Schedules), the worker and PostgreSQL: each watch's schedule is Temporal's, listed, paused and
// resumed there, and a check it starts is recorded in the register.
const HOUR = 3_600_000;
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

describe('service watches over HTTP', () => {
  let gw: GatewayHarness;
  let maria: string;
  const created: string[] = [];

  beforeAll(async () => {
    gw = await startGatewayHarness('service-watches');
    maria = await gw.token(people.maria);
  });
  afterAll(async () => {
    // The dev server is shared by the suites: their schedules go with them.
    await Promise.all(
      created.map((id) =>
        gw.env.client.schedule
          .getHandle(watchScheduleId(id))
          .delete()
          .catch(() => undefined),
      ),
    );
    await gw?.stop();
  });

  const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
  const body = (id: string, overrides: Record<string, unknown> = {}) => ({
    id,
    title: 'Help desk response time',
    service: 'customer-support',
    department: 'customer-service',
    kpi: { name: 'response_minutes', unit: 'min', direction: 'lower-is-better', aggregate: 'median' },
    rule: { kind: 'threshold', value: 30 },
    recentPeriodMs: HOUR,
    minSamples: 2,
    consecutiveChecks: 1,
    checkIntervalMs: HOUR,
    ...overrides,
  });
  const create = async (id: string, token = maria, overrides: Record<string, unknown> = {}, key?: string) => {
    const response = await gw.call('POST', '/watches', {
      token,
      body: body(id, overrides),
      ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
    });
    if (response.status === 201) created.push(id);
    return response;
  };
  const refusedRequests = async (subject: string) =>
    (await gw.dataSource.query(
      `SELECT actor, action, code FROM refused_requests WHERE subject = $1 ORDER BY id`,
      [subject],
    )) as { actor: string; action: string; code: string }[];
  const scheduleIds = async () => {
    const ids: string[] = [];
    for await (const schedule of gw.env.client.schedule.list()) ids.push(schedule.scheduleId);
    return ids;
  };

  it('creates the watch and its schedule, once per Idempotency-Key; a second watch with the id is refused', async () => {
    const id = newId('helpdesk');
    const first = await create(id, maria, {}, `create-${id}`);
    expect(first.status).toBe(201);
    expect(first.body.watch).toMatchObject({
      id,
      createdBy: 'maria',
      consecutiveBreaches: 0,
      openOpportunityId: null,
    });
    expect(first.body.schedule).toMatchObject({
      scheduleId: `watch-${id}`,
      paused: false,
      note: 'created by maria',
    });
    expect(first.body.schedule.nextRunTimes.length).toBeGreaterThan(0);
    const retried = await create(id, maria, {}, `create-${id}`);
    expect([retried.status, retried.body.watch.id]).toEqual([201, id]);
    const again = await create(id, maria, {}, `another-${id}`);
    expect([again.status, again.body.code, again.body.details]).toEqual([
      409,
      'WATCH_EXISTS',
      [{ field: 'id', message: 'is taken by another watch' }],
    ]);
    await eventually(async () => expect(await scheduleIds()).toContain(`watch-${id}`));
    const { state, policies, action } = await gw.env.client.schedule.getHandle(`watch-${id}`).describe();
    expect([state.paused, policies.overlap, action.workflowType]).toEqual([
      false,
      'SKIP',
      'serviceWatchCheckWorkflow',
    ]);

    const listed = await gw.call('GET', '/watches?limit=500', { token: await gw.token(people.alice) });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(id);
    // What each may do, as the pages show it: Alice (an agent) neither creates nor manages watches.
    expect(listed.body.mayCreate).toBe(false);
    expect((await gw.call('GET', '/watches', { token: maria })).body.mayCreate).toBe(true);
    expect(
      (await gw.call('GET', `/watches/${id}`, { token: await gw.token(people.alice) })).body.may,
    ).toEqual({
      manage: false,
      pushSamples: true,
    });
    expect((await gw.call('GET', `/watches/${id}`, { token: maria })).body.may).toEqual({
      manage: true,
      pushSamples: true,
    });
  });

  it('pauses and resumes the schedule through the API, with a note; others may not', async () => {
    const id = newId('pausable');
    expect((await create(id)).status).toBe(201);
    const paused = await gw.call('POST', `/watches/${id}/pause`, {
      token: maria,
      body: { note: 'maintenance' },
    });
    expect([paused.status, paused.body.paused, paused.body.note]).toEqual([
      200,
      true,
      'paused by maria: maintenance',
    ]);
    const handle = gw.env.client.schedule.getHandle(`watch-${id}`);
    expect((await handle.describe()).state.paused).toBe(true);
    expect((await gw.call('GET', `/watches/${id}`, { token: maria })).body.schedule.paused).toBe(true);

    const refused = await gw.call('POST', `/watches/${id}/resume`, {
      token: await gw.token(people.alice),
      body: {},
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect(await refusedRequests(id)).toEqual([
      { actor: 'alice', action: 'resume-watch', code: 'ROLE_NOT_ALLOWED' },
    ]);
    expect((await handle.describe()).state.paused).toBe(true);

    const resumed = await gw.call('POST', `/watches/${id}/resume`, { token: maria, body: {} });
    expect([resumed.status, resumed.body.paused]).toEqual([200, false]);
    expect((await handle.describe()).state.paused).toBe(false);
  });

  it('records the check a triggered schedule runs, keyed by its scheduled instant, and raises an opportunity', async () => {
    const id = newId('triggered');
    expect((await create(id)).status).toBe(201);
    const monitor = await gw.token(people.monitor);
    const samples = [40, 42, 44].map((value, i) => ({
      value,
      observedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      clientKey: `t-${i}`,
    }));
    const pushed = await gw.call('POST', `/watches/${id}/samples`, { token: monitor, body: { samples } });
    expect([pushed.status, pushed.body]).toEqual([200, { received: 3, accepted: 3, duplicates: 0 }]);
    const resent = await gw.call('POST', `/watches/${id}/samples`, { token: monitor, body: { samples } });
    expect(resent.body).toEqual({ received: 3, accepted: 0, duplicates: 3 });
    const fatima = await gw.call('POST', `/watches/${id}/samples`, {
      token: await gw.token(people.fatima),
      body: { samples },
    });
    expect([fatima.status, fatima.body.code]).toEqual([403, 'DEPARTMENT_NOT_ALLOWED']);
    expect(await refusedRequests(id)).toEqual([
      { actor: 'fatima', action: 'push-watch-samples', code: 'DEPARTMENT_NOT_ALLOWED' },
    ]);

    const handle = gw.env.client.schedule.getHandle(`watch-${id}`);
    await handle.trigger();
    const checks = await eventually(async () => {
      const page = await gw.call('GET', `/watches/${id}/checks`, { token: maria });
      expect(page.body.items).toHaveLength(1);
      return page.body.items;
    });
    expect(checks[0]).toMatchObject({
      outcome: 'breach',
      consecutive: 1,
      act: 'raise',
      opportunityId: `o-watch-${id}-1`,
      evidence: { threshold: 30, recent: { value: 42, samples: 3 } },
    });
    // The check is known by the instant its schedule started it for (Temporal's, to the second).
    const [run] = (await handle.describe()).info.recentActions;
    const started = await gw.env.client.workflow.getHandle(run?.action.workflow.workflowId ?? '').describe();
    const scheduledFor = started.typedSearchAttributes.get(SCHEDULED_START);
    expect(Date.parse(checks[0].checkedAt)).toBe(scheduledFor?.getTime());

    const detail = await gw.call('GET', `/watches/${id}`, { token: maria });
    expect(detail.body.watch).toMatchObject({
      consecutiveBreaches: 1,
      lastOutcome: 'breach',
      openOpportunityId: `o-watch-${id}-1`,
    });
    expect(detail.body.lastChecks).toHaveLength(1);
    expect(detail.body.schedule.recentRuns).toHaveLength(1);
    const [opportunity] = await gw.dataSource.query(
      `SELECT origin, reference FROM opportunities WHERE watch_id = $1`,
      [id],
    );
    expect(opportunity).toEqual({ origin: 'monitoring', reference: `/app/watches/${id}` });
  });

  it('refuses a watch from who may not triage in its department: 403, recorded, nothing created', async () => {
    const id = newId('not-allowed');
    const alice = await create(id, await gw.token(people.alice));
    expect([alice.status, alice.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const finance = await create(id, maria, { department: 'finance' });
    expect([finance.status, finance.body.code]).toEqual([403, 'DEPARTMENT_NOT_ALLOWED']);
    expect(await refusedRequests(id)).toEqual([
      { actor: 'alice', action: 'create-watch', code: 'ROLE_NOT_ALLOWED' },
      { actor: 'maria', action: 'create-watch', code: 'DEPARTMENT_NOT_ALLOWED' },
    ]);
    expect((await gw.call('GET', `/watches/${id}`, { token: maria })).status).toBe(404);
    expect(await scheduleIds()).not.toContain(`watch-${id}`);
  });

  it.each([
    ['a missing KPI', { kpi: undefined }, 400, 'kpi'],
    ['no breaches to count', { consecutiveChecks: 0 }, 400, 'consecutiveChecks'],
    ['too many to count', { consecutiveChecks: 101 }, 400, 'consecutiveChecks'],
    ['one sample a period', { minSamples: 1 }, 400, 'minSamples'],
    ['an empty period', { recentPeriodMs: 0 }, 400, 'recentPeriodMs'],
    [
      'a degradation without a baseline',
      { rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 5 } },
      400,
      'baselinePeriodMs',
    ],
    ['an unknown field', { severity: 'high' }, 400, 'severity'],
    ['checks more often than the floor', { checkIntervalMs: 500 }, 422, 'checkIntervalMs'],
    [
      'a source that is not configured',
      { kpi: { ...body('x').kpi, source: { kind: 'threshold', dataSource: 'nowhere', query: 'up' } } },
      422,
      'kpi.source.dataSource',
    ],
  ])('refuses %s naming the field', async (_case, overrides, status, field) => {
    const id = newId('bad');
    const response = await create(id, maria, overrides);
    expect(response.status).toBe(status);
    const named = response.body.details.map(
      (d: { field?: string; message: string }) => `${d.field} ${d.message}`,
    );
    expect(named.join('\n')).toContain(field);
    expect((await gw.call('GET', `/watches/${id}`, { token: maria })).status).toBe(404);
  });

  it('refuses bad samples and unknown watches naming the field, never a 500', async () => {
    const id = newId('samples');
    expect((await create(id)).status).toBe(201);
    const bad = await gw.call('POST', `/watches/${id}/samples`, {
      token: maria,
      body: { samples: [{ value: 1, observedAt: '1999-01-01T00:00:00Z' }] },
    });
    expect([bad.status, bad.body.details[0]?.field]).toEqual([422, 'samples[0].observedAt']);
    const missing = await gw.call('POST', '/watches/no-such-watch/samples', {
      token: maria,
      body: { samples: [{ value: 1, observedAt: new Date().toISOString() }] },
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'WATCH_NOT_FOUND']);
    const badId = await gw.call('GET', '/watches/NOT_AN_ID', { token: maria });
    expect(badId.status).toBe(400);
  });
});
