import { randomUUID } from 'node:crypto';
import { eventually } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';
import { HttpJsonSource } from '../support/http-json-source';

// A KPI pulled from an HTTP JSON service that goes down: the worker's collector shows since when,
// the window's end backfills the gap once the source is back, and a source that stays down gets
// the window extended once, then judged inconclusive and escalated. Real time, windows of seconds.
const SECOND = 1_000;
const STEP = 1 * SECOND;
const WINDOW = 8 * SECOND;

describe('KPIs pulled from an HTTP JSON source that goes down', () => {
  let source: HttpJsonSource;
  let gw: GatewayHarness;
  let maria: string;

  beforeAll(async () => {
    source = new HttpJsonSource();
    await source.start();
    gw = await startGatewayHarness('data-collection-http-json', {
      DATA_SOURCES: JSON.stringify([source.config('support-api')]),
      DATA_COLLECTION_STEP_MS: String(STEP),
      DATA_COLLECTION_POLL_MS: '250',
    });
    maria = await gw.token(people.maria);
  });
  afterAll(async () => {
    await gw?.stop();
    await source?.stop();
  });

  const create = async (id: string, patienceMs = 2 * SECOND) => {
    const body = retailerBody(id, {
      assessmentPeriodMs: WINDOW,
      evaluationWindowMs: WINDOW,
      minSamples: 3,
      collectionPatienceMs: patienceMs,
    });
    const [kpi] = body.kpis;
    body.kpis = [
      { ...kpi!, source: { kind: 'threshold', dataSource: 'support-api', query: `response-${id}` } },
    ];
    const created = await gw.call('POST', '/initiatives', { token: maria, body });
    expect(created.status).toBe(201);
    return created.body;
  };
  const detail = async (id: string) => (await gw.call('GET', `/initiatives/${id}`, { token: maria })).body;

  it('shows a source that is down since when, and fills the gap at the window end once it is back', async () => {
    const id = `gap-${randomUUID().slice(0, 8)}`;
    source.set(`response-${id}`, 12, 0);
    const created = await create(id);
    await eventually(
      async () => expect((await detail(id)).register.collection[0]?.lastPullAt).not.toBeNull(),
      10_000,
    );
    await source.stop();
    const down = await eventually(async () => {
      const [status] = (await detail(id)).register.collection;
      expect(status.failingSince).not.toBeNull();
      return status;
    }, 10_000);
    expect(down).toEqual(
      expect.objectContaining({ kpi: 'response_minutes', dataSource: 'support-api', open: true }),
    );
    expect(down.lastError).toMatch(/support-api.*unreachable/);
    await new Promise((resolve) => setTimeout(resolve, 2 * SECOND));
    await source.start();

    const planning = await eventually(async () => {
      const current = await detail(id);
      expect(current.state.phase).toBe('Planning');
      return current;
    }, 30_000);
    const window = created.assessmentWindow;
    const instants =
      Math.floor((Date.parse(window.endsAt) - 1) / STEP) - Math.ceil(Date.parse(window.from) / STEP) + 1;
    expect(planning.state.baseline).toEqual([
      expect.objectContaining({ kpi: 'response_minutes', value: 12, samples: instants }),
    ]);
    // The register follows the step (its projection is the step's own activity).
    await eventually(async () => {
      expect((await detail(id)).register.collection[0]).toEqual(
        expect.objectContaining({ failingSince: null, open: false }),
      );
    }, 10_000);
  });

  it('extends an evaluation its source could not deliver once, then judges it inconclusive and escalates', async () => {
    const id = `down-${randomUUID().slice(0, 8)}`;
    source.set(`response-${id}`, 12, 0);
    // Six seconds of patience: the first attempt, and a retry after five.
    await create(id, 6 * SECOND);
    await eventually(async () => expect((await detail(id)).state.phase).toBe('Planning'), 30_000);
    const post = async (who: keyof typeof people, path: string, body: unknown = {}) =>
      gw.call('POST', `/initiatives/${id}${path}`, { token: await gw.token(people[who]), body });
    await post('maria', '/plans', { measures: [{ title: 'a tool', kind: 'tool', department: 'it' }] });
    await post('li', '/plans/1/approvals');
    expect((await post('omar', '/plans/1/approvals')).body.phase).toBe('Evaluating');
    source.fail(true);

    // At the window's end the initiative waits on the source, and says so.
    const waiting = await eventually(async () => {
      const { state } = await detail(id);
      const wait = state.waitingOn.find((w: { kind: string }) => w.kind === 'data-source');
      expect(wait).toBeDefined();
      return wait;
    }, 30_000);
    expect(waiting).toEqual(
      expect.objectContaining({ who: { dataSource: 'support-api' }, subject: 'support-api' }),
    );

    const cycle2 = await eventually(async () => {
      const current = await detail(id);
      expect([current.state.phase, current.state.cycle]).toEqual(['Planning', 2]);
      return current;
    }, 60_000);
    expect(cycle2.state.findings.kpis).toEqual([
      expect.objectContaining({ kpi: 'response_minutes', verdict: 'inconclusive' }),
    ]);
    const trail = (await gw.call('GET', `/initiatives/${id}/audit`, { token: maria })).body.items as {
      action: string;
      details: { uncollected?: { dataSource: string; error: string }[] };
    }[];
    const extended = trail.find((e) => e.action === 'evaluation-window-extended');
    expect(extended?.details.uncollected).toEqual([expect.objectContaining({ dataSource: 'support-api' })]);
    const [escalated] = await gw.dataSource.query(
      `SELECT recipient_role FROM notifications WHERE initiative_id = $1 AND kind = 'evaluation-inconclusive'`,
      [id],
    );
    expect(escalated).toEqual({ recipient_role: 'cio' });
    source.fail(false);
  });

  it('answers 503 while a source cannot be reached at creation (a retry creates it), and takes no push for a pulled KPI', async () => {
    const id = `unreachable-${randomUUID().slice(0, 8)}`;
    source.set(`response-${id}`, 12, 0);
    const body = retailerBody(id, { assessmentPeriodMs: WINDOW, minSamples: 3 });
    const [kpi] = body.kpis;
    body.kpis = [
      { ...kpi!, source: { kind: 'threshold', dataSource: 'support-api', query: `response-${id}` } },
    ];
    const headers = { 'Idempotency-Key': `create-${id}` };
    await source.stop();
    const down = await gw.call('POST', '/initiatives', { token: maria, body, headers });
    expect([down.status, down.body.code]).toEqual([503, 'DATA_SOURCE_UNAVAILABLE']);
    expect(down.body.message).toMatch(/^kpis\[0\]\.source: .*support-api.*unreachable/);
    await source.start();
    const created = await gw.call('POST', '/initiatives', { token: maria, body, headers });
    expect(created.status).toBe(201);

    const pushed = await gw.call('POST', `/initiatives/${id}/measurements`, {
      token: maria,
      body: { samples: [{ kpi: 'response_minutes', value: 1, observedAt: new Date().toISOString() }] },
    });
    expect([pushed.status, pushed.body.details]).toEqual([
      422,
      [{ field: 'samples[0].kpi', message: expect.stringContaining('comes from its source') }],
    ]);
  });
});
