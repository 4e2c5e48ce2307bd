import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities } from '@cio/activities';
import type { AppConfig } from '@cio/config';
import { type ServiceWatchDefinition, WATCH_WORKFLOW_TYPE } from '@cio/contracts';
import { createWatch, ingestWatchSamples, type WatchCheckResult } from '@cio/persistence';
import { samplesAround, startTimeSkippingServer } from '@cio/testing';
import { recordHistories } from '../replay/record-histories';
import { type InitiativeHarness, startInitiativeHarness } from '../support/initiative-harness';

// Service watches on the time-skipping server, with the real worker and a real PostgreSQL. The
// Java test server has no Schedules, so each check is started as the schedule would start it:
// once per interval, time skipped in between.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('service watches (time-skipping)', () => {
  let harness: InitiativeHarness;
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let config: AppConfig;

  beforeAll(async () => {
    harness = await startInitiativeHarness(startTimeSkippingServer, 'service-watch');
    ({ env, dataSource, config } = harness);
  });
  afterAll(() => harness?.stop());

  const helpdesk = (id: string, overrides: Partial<ServiceWatchDefinition> = {}): ServiceWatchDefinition => ({
    id,
    title: 'Help desk response time',
    service: 'customer-support',
    department: 'customer-service',
    kpi: { name: 'response_minutes', unit: 'min', direction: 'lower-is-better', aggregate: 'median' },
    rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 10 },
    recentPeriodMs: DAY,
    baselinePeriodMs: 30 * DAY,
    minSamples: 10,
    consecutiveChecks: 3,
    checkIntervalMs: DAY,
    ...overrides,
  });

  /** `count` samples around `median`, pushed spread over the day that starts at `dayStart`. */
  const pushDay = (watchId: string, dayStart: number, median: number, count = 20) =>
    ingestWatchSamples(
      dataSource,
      watchId,
      samplesAround(median, count).map((value, i) => ({
        value,
        observedAt: new Date(dayStart + HOUR + (i * 22 * HOUR) / count).toISOString(),
      })),
    );

  /** One interval passes, then the check runs as its schedule would start it. */
  const nextCheck = async (watchId: string, run: number): Promise<WatchCheckResult> => {
    await env.sleep(DAY);
    return env.client.workflow.execute(WATCH_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      workflowId: `watch-${watchId}-${run}`,
      args: [{ watchId }],
      // Without one, the test server skips to the default run timeout (ten years) after each run;
      // with it, each run moves the clock on by a minute, well inside the samples' hour of margin.
      workflowExecutionTimeout: '1 minute',
    });
  };

  /** The check activity run as a retried (or concurrent) attempt would run it. */
  const checkWatch = (input: { watchId: string; at: string }) => {
    const activities = createActivities({ dataSource, logger: pino({ level: 'silent' }) });
    return new MockActivityEnvironment().run(activities.checkWatch, input) as Promise<WatchCheckResult>;
  };

  const opportunitiesOf = (watchId: string) =>
    dataSource.query(
      `SELECT id, title, origin, status, reference, supporters, benefit_category AS "benefitCategory"
         FROM opportunities WHERE watch_id = $1`,
      [watchId],
    ) as Promise<Record<string, unknown>[]>;
  const eventsOf = async (opportunityId: string) =>
    (await dataSource.query(
      `SELECT action, details FROM opportunity_events WHERE opportunity_id = $1 ORDER BY id`,
      [opportunityId],
    )) as { action: string; details: Record<string, unknown> }[];

  it('raises exactly one opportunity for a degradation, adds each further breach to it, and notes the recovery once', async () => {
    const id = 'helpdesk-degrades';
    await createWatch(dataSource, helpdesk(id), 'maria');
    const start = await env.currentTimeMs();
    // A month at a median of 12 minutes, then ten days at 18, then back to 12.
    for (let day = -30; day < 0; day++) await pushDay(id, start + day * DAY, 12);
    for (let day = 0; day < 10; day++) await pushDay(id, start + day * DAY, 18);
    for (let day = 10; day < 13; day++) await pushDay(id, start + day * DAY, 12);

    const checks: WatchCheckResult[] = [];
    for (let run = 0; run < 13; run++) checks.push(await nextCheck(id, run));

    expect(checks.map((c) => c.outcome)).toEqual([...Array(10).fill('breach'), 'within', 'within', 'within']);
    expect(checks.map((c) => c.act)).toEqual([
      'none',
      'none',
      'raise',
      ...Array(7).fill('support'),
      'recovered',
      'none',
      'none',
    ]);
    expect(checks.map((c) => c.consecutive)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 0, 0]);
    // The check that raised the opportunity, for the replay suite.
    await recordHistories(env.client, `watch-${id}-2`, 'watch-check');

    const opportunities = await opportunitiesOf(id);
    expect(opportunities).toEqual([
      {
        id: `o-watch-${id}-1`,
        title: 'customer-support: response_minutes degraded',
        origin: 'monitoring',
        status: 'new',
        reference: `/app/watches/${id}`,
        supporters: 1,
        benefitCategory: 'time',
      },
    ]);
    const events = await eventsOf(`o-watch-${id}-1`);
    // The watch supports it once; each further breach adds its evidence.
    expect(events.map((e) => e.action)).toEqual([
      'raise-opportunity',
      'support-opportunity',
      ...Array(7).fill('watch-breach'),
      'watch-recovered',
    ]);
    // The raise carries the evidence a reader judges it by: periods, figures, test and p-value.
    expect(events[0]?.details).toMatchObject({
      origin: 'monitoring',
      consecutive: 3,
      evidence: {
        outcome: 'breach',
        test: 'mann-whitney',
        recent: { value: 18, samples: 20 },
        // The month before, two degraded days included.
        baseline: { samples: 600 },
      },
    });
    const evidence = events[0]?.details.evidence as { pValue: number; changePercent: number };
    expect(evidence.pValue).toBeLessThan(0.05);
    expect(evidence.changePercent).toBeGreaterThan(40);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM watch_checks WHERE watch_id = $1`,
      [id],
    );
    expect(n).toBe(13);

    // A retried check (the same instant) answers with what it did, and changes nothing.
    const retried = await checkWatch({ watchId: id, at: checks[2]?.checkedAt ?? '' });
    expect(retried).toMatchObject({
      replayed: true,
      act: 'raise',
      opportunityId: `o-watch-${id}-1`,
      consecutive: 3,
    });
    expect(await opportunitiesOf(id)).toHaveLength(1);
    expect(await eventsOf(`o-watch-${id}-1`)).toHaveLength(events.length);
    const [{ consecutive }] = await dataSource.query(
      `SELECT consecutive_breaches AS consecutive FROM service_watches WHERE id = $1`,
      [id],
    );
    expect(consecutive).toBe(0);
  });

  it('raises for a threshold after N breaches; an inconclusive check counts for nothing', async () => {
    const id = 'helpdesk-threshold';
    await createWatch(
      dataSource,
      helpdesk(id, { rule: { kind: 'threshold', value: 30 }, consecutiveChecks: 2, minSamples: 5 }),
      'maria',
    );
    const start = await env.currentTimeMs();
    const medians = [25, 40, 40, 40, null, 20];
    for (const [day, median] of medians.entries()) {
      await pushDay(id, start + day * DAY, median ?? 45, median === null ? 2 : 20);
    }
    const checks: WatchCheckResult[] = [];
    for (let run = 0; run < medians.length; run++) checks.push(await nextCheck(id, run));
    expect(checks.map((c) => [c.outcome, c.consecutive, c.act])).toEqual([
      ['within', 0, 'none'],
      ['breach', 1, 'none'],
      ['breach', 2, 'raise'],
      ['breach', 3, 'support'],
      ['inconclusive', 3, 'none'],
      ['within', 0, 'recovered'],
    ]);
    expect(checks[2]?.evidence).toMatchObject({ threshold: 30, recent: { value: 40 } });
    expect(await opportunitiesOf(id)).toEqual([
      expect.objectContaining({
        title: 'customer-support: response_minutes worse than 30 min',
        status: 'new',
      }),
    ]);
  });

  it('raises one opportunity when checks of a watch run at the same moment', async () => {
    const id = 'helpdesk-at-once';
    await createWatch(
      dataSource,
      helpdesk(id, { rule: { kind: 'threshold', value: 30 }, consecutiveChecks: 1, minSamples: 5 }),
      'maria',
    );
    const start = await env.currentTimeMs();
    for (let day = 0; day < 6; day++) await pushDay(id, start + day * DAY, 40);
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((day) =>
        checkWatch({ watchId: id, at: new Date(start + day * DAY).toISOString() }),
      ),
    );
    expect(results.filter((r) => r.act === 'raise')).toHaveLength(1);
    expect(await opportunitiesOf(id)).toHaveLength(1);
  });
});
