import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cio/config';
import {
  approvePlanUpdate,
  cancelUpdate,
  getStateQuery,
  type InitiativeDefinition,
  type InitiativeState,
  INITIATIVE_WORKFLOW_TYPE,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import {
  changeBoard,
  csLead,
  eventually,
  manager,
  retailerInitiative,
  startTimeSkippingServer,
} from '@cio/testing';
import { recordHistories } from '../replay/record-histories';
import { HttpJsonSource } from '../support/http-json-source';
import { type InitiativeHarness, startInitiativeHarness } from '../support/initiative-harness';

// The collection schedule with months of windows in seconds (the time-skipping server): a KPI
// pulled from an HTTP JSON source, backfilled whole at each window's end (7 days, then 14), with
// every minute's sample; an outage at the evaluation's end extends the window instead of judging
// it on partial data; the history stays small however many samples there are.
const DAY = 86_400_000;
const STEP_MS = 60_000;

describe('data collection (time-skipping)', () => {
  let source: HttpJsonSource;
  let backup: HttpJsonSource;
  let harness: InitiativeHarness;
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let config: AppConfig;

  beforeAll(async () => {
    source = new HttpJsonSource();
    backup = new HttpJsonSource();
    await Promise.all([source.start(), backup.start()]);
    harness = await startInitiativeHarness(startTimeSkippingServer, 'collection', {
      DATA_SOURCES: JSON.stringify([source.config('support-api'), backup.config('survey-api')]),
      DATA_COLLECTION_STEP_MS: String(STEP_MS),
    });
    ({ env, dataSource, config } = harness);
  });
  afterAll(async () => {
    await harness?.stop();
    await source?.stop();
    await backup?.stop();
  });

  it('pulls every window whole at its end, and extends one its source could not deliver', async () => {
    const base = retailerInitiative(`pulled-${randomUUID().slice(0, 8)}`);
    const [kpi] = base.kpis;
    const initiative: InitiativeDefinition = {
      ...base,
      kpis: [{ ...kpi!, source: { kind: 'threshold', dataSource: 'support-api', query: 'response' } }],
      policy: { ...base.policy, collectionPatienceMs: 2 * 3_600_000 },
    };
    source.set('response', 12, 0);
    const handle = await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      ...initiativeStartOptions(initiative),
    });
    const searchAttributes = async () =>
      (
        await env.client.connection.withDeadline(Date.now() + 2_000, () =>
          env.client.workflow.getHandle(handle.workflowId).describe(),
        )
      ).searchAttributes;
    const phaseIs = (phase: InitiativeState['phase'], cycle: number) =>
      eventually(async () => {
        const attributes = await searchAttributes();
        expect([attributes.CiPhase, attributes.CiCycle]).toEqual([[phase], [cycle]]);
      }, 60_000);
    const windowSamples = async (from: string, to: string) =>
      Number(
        (
          await dataSource.query(
            `SELECT count(*) AS n FROM measurements WHERE initiative_id = $1 AND observed_at >= $2 AND observed_at < $3`,
            [initiative.id, from, to],
          )
        )[0].n,
      );

    // Assessment: seven days, a sample a minute, all from the source at the period's end.
    await env.sleep(7 * DAY);
    await phaseIs('Planning', 1);
    const [baseline]: { value: number; samples: number; window_from: Date; window_to: Date }[] =
      await dataSource.query(
        `SELECT value, samples, window_from, window_to FROM baselines WHERE initiative_id = $1`,
        [initiative.id],
      );
    expect(baseline).toEqual(expect.objectContaining({ value: 12 }));
    const minutes = (from: Date, to: Date) =>
      Math.floor((to.getTime() - 1) / STEP_MS) - Math.ceil(from.getTime() / STEP_MS) + 1;
    expect(baseline!.samples).toBe(minutes(baseline!.window_from, baseline!.window_to));
    expect(baseline!.samples).toBeGreaterThanOrEqual(7 * 24 * 60 - 1);

    // Cycle 1: approved, the evaluation window opens; the source then fails until after its end.
    const plan = {
      measures: [{ title: 'a tool', kind: 'tool' as const, department: 'it' }],
      tasks: [],
      trainees: [],
    };
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    const evaluating = await handle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 1 }],
    });
    const window = evaluating.evaluationWindow!;
    source.set('response', 6.5, Date.parse(window.from));
    source.fail(true);
    // Past its end and the two hours of patience the policy gives the source (retried meanwhile).
    await env.sleep(14 * DAY + 3 * 3_600_000);
    // At its end the window is not judged on what could not be collected: it is extended.
    const extended = await eventually(async () => {
      const rows: { details: { uncollected?: { kpi: string; dataSource: string }[]; endsAt: string } }[] =
        await dataSource.query(
          `SELECT details FROM audit_entries WHERE initiative_id = $1 AND action = 'evaluation-window-extended'`,
          [initiative.id],
        );
      expect(rows).toHaveLength(1);
      return rows[0]!.details;
    }, 90_000);
    expect(extended.uncollected).toEqual([
      expect.objectContaining({ kpi: 'response_minutes', dataSource: 'support-api' }),
    ]);
    expect(Date.parse(extended.endsAt) - Date.parse(window.endsAt)).toBe(14 * DAY);
    source.fail(false);
    await env.sleep(14 * DAY);

    // Back up: the extended window (28 days) is judged on all of it: 6.5 is short of 5, cycle 2.
    await phaseIs('Planning', 2);
    const [evaluation]: { observed: number; samples: number; window_from: Date; window_to: Date }[] =
      await dataSource.query(
        `SELECT observed, samples, window_from, window_to FROM evaluations WHERE initiative_id = $1 AND cycle = 1`,
        [initiative.id],
      );
    expect(evaluation!.observed).toBe(6.5);
    expect(evaluation!.samples).toBe(minutes(evaluation!.window_from, evaluation!.window_to));
    expect(await windowSamples(window.from, extended.endsAt)).toBe(evaluation!.samples);

    // Tens of thousands of samples, and the run that held assessment and cycle 1 stayed small.
    const first = env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
    const events = (await first.fetchHistory()).events ?? [];
    expect(events.length).toBeLessThanOrEqual(300);
    await recordHistories(env.client, handle.workflowId, 'collection');
  }, 240_000);

  it('takes no step the initiative was cancelled out of while its window was being collected', async () => {
    const base = retailerInitiative(`cancelled-${randomUUID().slice(0, 8)}`);
    const [kpi] = base.kpis;
    const initiative: InitiativeDefinition = {
      ...base,
      kpis: [{ ...kpi!, source: { kind: 'threshold', dataSource: 'support-api', query: 'backlog' } }],
      policy: { ...base.policy, collectionPatienceMs: 2 * 3_600_000 },
    };
    source.set('backlog', 12, 0);
    source.fail(true);
    const handle = await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      ...initiativeStartOptions(initiative),
    });
    // At the assessment's end the source is down: the initiative waits on it, still assessing.
    await env.sleep(7 * DAY + 60_000);
    const collecting = await eventually(async () => {
      const state = await handle.query(getStateQuery);
      expect(state.collecting).toEqual(expect.objectContaining({ dataSources: ['support-api'] }));
      return state;
    }, 60_000);
    expect(collecting.phase).toBe('Assessing');
    expect(collecting.waitingOn).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'data-source' })]),
    );
    // The manager cancels meanwhile; then the source answers and the collection ends.
    const cancelled = await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: manager, reason: 'the service is being retired' }],
    });
    expect(cancelled.phase).toBe('Closed');
    source.fail(false);
    const final = (await handle.result()) as InitiativeState;
    // The cancellation stands: no baseline was recorded after it, and the run ended cleanly.
    expect(final.phase).toBe('Closed');
    expect(final.baseline).toEqual([]);
    const actions: { action: string }[] = await dataSource.query(
      `SELECT action FROM audit_entries WHERE initiative_id = $1 ORDER BY id`,
      [initiative.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['create-initiative', 'cancel']);
  }, 240_000);

  it('holds up only the KPIs of a source that stays down; the others are collected', async () => {
    const base = retailerInitiative(`two-sources-${randomUUID().slice(0, 8)}`);
    const [kpi] = base.kpis;
    const initiative: InitiativeDefinition = {
      ...base,
      kpis: [
        { ...kpi!, source: { kind: 'threshold', dataSource: 'support-api', query: 'waiting' } },
        {
          ...kpi!,
          name: 'effort_score',
          source: { kind: 'threshold', dataSource: 'survey-api', query: 'effort' },
        },
      ],
      policy: { ...base.policy, collectionPatienceMs: 2 * 3_600_000 },
    };
    source.set('waiting', 12, 0);
    backup.set('effort', 3, 0);
    backup.fail(true);
    await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      ...initiativeStartOptions(initiative),
    });
    // Past the assessment's end and the patience: the survey API never answered.
    await env.sleep(7 * DAY + 3 * 3_600_000);
    const extended = await eventually(async () => {
      const rows: { details: { uncollected?: { kpi: string; dataSource: string }[] } }[] =
        await dataSource.query(
          `SELECT details FROM audit_entries WHERE initiative_id = $1 AND action = 'assessment-extended'`,
          [initiative.id],
        );
      expect(rows).toHaveLength(1);
      return rows[0]!.details;
    }, 90_000);
    expect(extended.uncollected).toEqual([
      expect.objectContaining({ kpi: 'effort_score', dataSource: 'survey-api' }),
    ]);
    // The support API's KPI was collected whole meanwhile.
    const counts: { kpi: string; n: string }[] = await dataSource.query(
      `SELECT kpi, count(*) AS n FROM measurements WHERE initiative_id = $1 GROUP BY kpi`,
      [initiative.id],
    );
    expect(counts.map((c) => [c.kpi, Number(c.n) >= 7 * 24 * 60 - 1])).toEqual([['response_minutes', true]]);
    backup.fail(false);
  }, 240_000);
});
