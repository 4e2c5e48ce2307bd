import { randomUUID } from 'node:crypto';
import { eventually, type RunningPrometheus, startPrometheus, TestExporter } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// KPIs pulled from a real Prometheus (Debian's package) scraping an exporter this test controls:
// the retailer's response time as a PromQL gauge and the login success rate as a ratio of two
// counters, through a loop-back cycle to sustain, a regression, and a counter reset. Nobody pushes
// a sample. Windows are seconds; samples are taken every 2 s from a scrape every 500 ms.
const SECOND = 1_000;
const STEP = 2 * SECOND;
const WINDOW = 9 * SECOND;

describe('KPIs pulled from Prometheus', () => {
  let exporter: TestExporter;
  let prometheus: RunningPrometheus;
  let gw: GatewayHarness;
  let maria: string;

  beforeAll(async () => {
    exporter = new TestExporter();
    const target = await exporter.start();
    prometheus = await startPrometheus({ targets: [target], scrapeInterval: '500ms' });
    gw = await startGatewayHarness('data-collection-prometheus', {
      DATA_SOURCES: JSON.stringify([{ name: 'prometheus-main', kind: 'prometheus', url: prometheus.url }]),
      DATA_COLLECTION_STEP_MS: String(STEP),
      DATA_COLLECTION_POLL_MS: '500',
    });
    maria = await gw.token(people.maria);
  }, 180_000);
  afterAll(async () => {
    await gw?.stop();
    await prometheus?.stop();
    await exporter?.stop();
  });

  const definition = (id: string): Record<string, unknown> & { kpis: Record<string, unknown>[] } => {
    const body = retailerBody(id, {
      assessmentPeriodMs: WINDOW,
      evaluationWindowMs: WINDOW,
      followUpIntervalMs: WINDOW,
      minSamples: 3,
      followUpsToComplete: 3,
    });
    const [responseTime] = body.kpis;
    return {
      ...body,
      kpis: [
        {
          ...responseTime,
          source: { kind: 'threshold', dataSource: 'prometheus-main', query: 'max(response_minutes)' },
        },
        {
          name: 'login_success',
          unit: 'ratio',
          direction: 'higher-is-better',
          aggregate: 'mean',
          target: { kind: 'absolute', value: 0.8 },
          source: {
            kind: 'ratio',
            dataSource: 'prometheus-main',
            good: 'logins_total{result="ok"}',
            total: 'logins_total',
          },
        },
      ],
    };
  };

  /** Sets the gauge, then waits for two scrapes, so every later instant sees it. */
  const gauge = async (value: number) => {
    exporter.setGauge('response_minutes', value);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
  };

  it('refuses a query Prometheus refuses, one that gives no series, and an unknown data source, at creation', async () => {
    const id = `bad-query-${randomUUID().slice(0, 8)}`;
    exporter.grow('logins_total{result="ok"}', 9);
    exporter.grow('logins_total{result="fail"}', 1);
    await gauge(12);
    // Prometheus holds the exporter's series (its first scrape may take a moment after it starts).
    await eventually(async () => {
      const answer = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent('sum(logins_total)')}`,
      );
      expect(((await answer.json()) as { data: { result: unknown[] } }).data.result).toHaveLength(1);
    }, 30_000);
    const body = definition(id);
    body.kpis[0] = {
      ...body.kpis[0]!,
      source: { kind: 'threshold', dataSource: 'prometheus-main', query: 'sum(' },
    };
    const refused = await gw.call('POST', '/initiatives', { token: maria, body });
    expect([refused.status, refused.body.code]).toEqual([422, 'INVALID_DEFINITION']);
    expect(refused.body.details).toEqual([
      { field: 'kpis[0].source.query', message: expect.stringMatching(/bad_data/) },
    ]);
    // A misspelt metric, and a KPI of several series: neither is one number per instant.
    body.kpis[0] = {
      ...body.kpis[0]!,
      source: { kind: 'threshold', dataSource: 'prometheus-main', query: 'max(respnse_minutes)' },
    };
    const misspelt = await gw.call('POST', '/initiatives', { token: maria, body });
    expect(misspelt.body.details).toEqual([
      { field: 'kpis[0].source.query', message: expect.stringMatching(/gives no series now/) },
    ]);
    body.kpis[0] = {
      ...body.kpis[0]!,
      source: { kind: 'threshold', dataSource: 'prometheus-main', query: 'logins_total' },
    };
    const several = await gw.call('POST', '/initiatives', { token: maria, body });
    expect(several.body.details).toEqual([
      { field: 'kpis[0].source.query', message: expect.stringMatching(/gives 2 series; aggregate them/) },
    ]);
    body.kpis[0] = { ...body.kpis[0]!, source: { kind: 'threshold', dataSource: 'nowhere', query: 'up' } };
    const unknown = await gw.call('POST', '/initiatives', { token: maria, body });
    expect(unknown.body.details).toEqual([
      { field: 'kpis[0].source.dataSource', message: expect.stringMatching(/no data source 'nowhere'/) },
    ]);
    // A ratio's counter must be a selector: its increase over a step is what is pulled, and
    // Prometheus refuses the increase of an expression (which exists, summed, all the same).
    const ratio = definition(id);
    ratio.kpis[1] = {
      ...ratio.kpis[1]!,
      source: {
        kind: 'ratio',
        dataSource: 'prometheus-main',
        good: 'logins_total + 0',
        total: 'logins_total',
      },
    };
    const notACounter = await gw.call('POST', '/initiatives', { token: maria, body: ratio });
    expect(notACounter.body.details).toEqual([
      { field: 'kpis[1].source.good', message: expect.stringMatching(/bad_data.*counter selector/) },
    ]);
    const sources = await gw.call('GET', '/data-sources', { token: maria });
    expect(sources.body).toEqual({
      items: [{ name: 'prometheus-main', kind: 'prometheus', url: prometheus.url }],
      stepSeconds: 2,
    });
  });

  it('takes baseline, evaluations and follow-ups from PromQL alone, through a loop-back to sustain and a regression', async () => {
    const id = `pulled-${randomUUID().slice(0, 8)}`;
    const as = (who: keyof typeof people) => gw.token(people[who]);
    const post = async (who: keyof typeof people, path: string, body: unknown = {}) =>
      gw.call('POST', `/initiatives/${id}${path}`, { token: await as(who), body });
    const state = async () => (await gw.call('GET', `/initiatives/${id}`, { token: maria })).body;
    const phaseIs = (phase: string, cycle: number) =>
      eventually(async () => {
        const current = await state();
        expect([current.state.phase, current.state.cycle]).toEqual([phase, cycle]);
        return current;
      }, 60_000);

    exporter.grow('logins_total{result="ok"}', 9);
    exporter.grow('logins_total{result="fail"}', 1);
    await gauge(12);
    expect((await gw.call('POST', '/initiatives', { token: maria, body: definition(id) })).status).toBe(201);
    // While the period runs, the worker's collector pulls it step by step.
    const collecting = await eventually(async () => {
      const { register } = await state();
      expect(register.collection.length).toBe(2);
      expect(register.collection.every((c: { lastPullAt: string | null }) => c.lastPullAt !== null)).toBe(
        true,
      );
      return register.collection;
    }, 30_000);
    expect(collecting).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kpi: 'response_minutes', dataSource: 'prometheus-main', open: true }),
      ]),
    );

    const planning = await phaseIs('Planning', 1);
    expect(planning.state.baseline).toEqual(
      expect.arrayContaining([expect.objectContaining({ kpi: 'response_minutes', value: 12 })]),
    );
    const rate = planning.state.baseline.find((b: { kpi: string }) => b.kpi === 'login_success');
    expect(rate.value).toBeCloseTo(0.9, 6);
    expect(rate.samples).toBeGreaterThanOrEqual(3);

    // Cycle 1: a plan without tasks; the window opens at the second approval.
    const measures = [{ title: 'automated customer service system', kind: 'tool', department: 'it' }];
    await post('maria', '/plans', { measures });
    await post('li', '/plans/1/approvals');
    await gauge(6.5);
    expect((await post('omar', '/plans/1/approvals')).body.phase).toBe('Evaluating');
    await phaseIs('Planning', 2);

    // Cycle 2: a counter reset in the window does not disturb the ratio; 4.2 meets the target.
    await post('maria', '/plans', {
      measures: [{ title: 'intelligent handling', kind: 'tool', department: 'it' }],
    });
    await post('li', '/plans/1/approvals');
    await gauge(4.2);
    const evaluating = await post('omar', '/plans/1/approvals');
    expect(evaluating.body.phase).toBe('Evaluating');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    exporter.resetCounters();
    // Each next value from the end of the window before it: instants before an end saw the old one.
    const sleepUntil = (iso: string) =>
      new Promise((resolve) => setTimeout(resolve, Date.parse(iso) - Date.now()));
    await sleepUntil(evaluating.body.evaluationWindow.endsAt);
    exporter.setGauge('response_minutes', 4.5);
    const sustaining = await phaseIs('Sustaining', 2);

    // Follow-ups: 4.5 holds, 7 regresses and reopens cycle 3.
    await sleepUntil(sustaining.state.followUps.nextAt);
    exporter.setGauge('response_minutes', 7);
    await eventually(async () => expect((await state()).state.followUps.done).toBe(1), 60_000);
    await phaseIs('Planning', 3);

    const evaluations = (await gw.call('GET', `/initiatives/${id}/evaluations`, { token: maria })).body
      .items as {
      cycle: number;
      kind: string;
      kpi: string;
      observed: number;
      samples: number;
      verdict: string;
    }[];
    const response = evaluations.filter((e) => e.kpi === 'response_minutes');
    expect(response.map((e) => [e.cycle, e.kind, e.observed, e.verdict])).toEqual([
      [1, 'evaluation', 6.5, 'not-met'],
      [2, 'evaluation', 4.2, 'met'],
      [2, 'follow-up', 4.5, 'met'],
      [2, 'follow-up', 7, 'not-met'],
    ]);
    for (const e of evaluations.filter((e) => e.kpi === 'login_success')) {
      expect([e.cycle, e.kind, e.verdict]).toEqual([e.cycle, e.kind, 'met']);
      expect(e.observed).toBeCloseTo(0.9, 6);
      expect(e.samples).toBeGreaterThanOrEqual(3);
    }
    // Every sample came from Prometheus, once each (the collector and the window's backfill share keys).
    const [sources] = await gw.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (kpi, observed_at))::int AS distinct_n,
              count(*) FILTER (WHERE source <> 'prometheus-main')::int AS other
         FROM measurements WHERE initiative_id = $1`,
      [id],
    );
    expect(sources.other).toBe(0);
    expect(sources.n).toBe(sources.distinct_n);
    expect(sources.n).toBeGreaterThan(0);
  }, 240_000);
});
