import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities, type KpiMeasurement, type MeasureKpisInput } from '@cio/activities';
import { mannWhitneyU, summarize, welchTest } from '@cio/domain/statistics';
import { createDataSource, registerInitiative } from '@cio/persistence';
import {
  createTestDatabase,
  retailerInitiative,
  samplesAround,
  storeSamples,
  type TestDatabase,
} from '@cio/testing';

// The workflow's register activities against a real PostgreSQL: a retried activity (same natural
// key) writes nothing twice, and errors no retry can fix are non-retryable with a named type.
describe('register activities', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let activities: ReturnType<typeof createActivities>;
  const env = new MockActivityEnvironment();
  const definition = retailerInitiative('activities-1');
  const workflowId = 'initiative-activities-1';

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    activities = createActivities({ dataSource, logger: pino({ level: 'silent' }) });
    await env.run(activities.registerInitiative, { workflowId, definition, phase: 'Assessing', cycle: 1 });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const count = async (table: string) =>
    Number(
      (
        await dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE initiative_id = $1`, [definition.id])
      )[0].n,
    );

  it('registers an initiative once, however often the activity runs', async () => {
    await env.run(activities.registerInitiative, { workflowId, definition, phase: 'Assessing', cycle: 1 });
    const rows = await dataSource.query(`SELECT id, service, phase FROM initiatives WHERE id = $1`, [
      definition.id,
    ]);
    expect(rows).toEqual([{ id: definition.id, service: 'customer-support', phase: 'Assessing' }]);
  });

  it('registers an initiative once when the gateway and the workflow enter it at the same moment', async () => {
    // The gateway enters a new initiative before answering 201, and so does the workflow's first
    // activity: two INSERTs of one row in flight at once, neither of them an error.
    const ids = Array.from({ length: 40 }, (_, i) => `at-once-${i}`);
    const entered = await Promise.allSettled(
      ids.flatMap((id) => {
        const registration = {
          workflowId: `initiative-${id}`,
          definition: retailerInitiative(id),
          phase: 'Assessing',
          cycle: 1,
        };
        return [
          env.run(activities.registerInitiative, registration),
          registerInitiative(dataSource, registration),
        ];
      }),
    );
    expect(entered.filter((r) => r.status === 'rejected')).toEqual([]);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM initiatives WHERE id LIKE 'at-once-%'`,
    );
    expect(n).toBe(ids.length);
  });

  it('writes one audit row per (workflow, cycle, sequence) and keeps the phase current', async () => {
    const entry = {
      workflowId,
      initiativeId: definition.id,
      cycle: 1,
      sequence: 1,
      actor: 'system',
      role: null,
      action: 'baseline-recorded' as const,
      details: { baseline: 12 },
      occurredAt: '2026-11-24T10:00:00.000Z',
      phase: 'Planning',
    };
    await env.run(activities.recordAudit, entry);
    await env.run(activities.recordAudit, entry);
    expect(await count('audit_entries')).toBe(1);
    const [row] = await dataSource.query(`SELECT phase, cycle FROM initiatives WHERE id = $1`, [
      definition.id,
    ]);
    expect(row).toEqual({ phase: 'Planning', cycle: 1 });
  });

  it('puts a notification into the outbox once per key', async () => {
    const notification = {
      key: `${workflowId}:c1:v1:approval-reminder-1:cs-lead`,
      initiativeId: definition.id,
      kind: 'approval-reminder' as const,
      to: { role: 'cs-lead' },
      subject: 'Plan v1 awaits your approval',
      payload: {},
    };
    await env.run(activities.notify, notification);
    await env.run(activities.notify, notification);
    const rows = await dataSource.query(
      `SELECT kind, recipient_role, status FROM notifications WHERE initiative_id = $1`,
      [definition.id],
    );
    expect(rows).toEqual([{ kind: 'approval-reminder', recipient_role: 'cs-lead', status: 'pending' }]);
  });

  it('refuses an audit for an unknown initiative as non-retryable INITIATIVE_NOT_FOUND', async () => {
    await expect(
      env.run(activities.recordAudit, {
        workflowId: 'initiative-nope',
        initiativeId: 'nope',
        cycle: 1,
        sequence: 1,
        actor: 'system',
        role: null,
        action: 'baseline-recorded' as const,
        details: {},
        occurredAt: '2026-11-24T10:00:00.000Z',
        phase: 'Planning',
      }),
    ).rejects.toMatchObject({ type: 'INITIATIVE_NOT_FOUND', nonRetryable: true });
  });

  it('aggregates a window in PostgreSQL: median, mean, p90, p95, last and the sample count', async () => {
    const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-15T00:00:00.000Z' };
    await storeSamples(dataSource, definition.id, 'response_minutes', samplesAround(6.5, 35), window);
    const kpis = (['median', 'mean', 'p90', 'p95', 'last'] as const).map((aggregate) => ({
      name: 'response_minutes',
      aggregate,
    }));
    const measure = (input: MeasureKpisInput): Promise<KpiMeasurement[]> =>
      env.run(activities.measureKpis, input);
    const results = await Promise.all(
      kpis.map((kpi) => measure({ initiativeId: definition.id, kpis: [kpi], ...window })),
    );
    const values = results.map((r) => r[0]);
    expect(values.map((v) => v?.samples)).toEqual([35, 35, 35, 35, 35]);
    expect(values[0]?.value).toBeCloseTo(6.5, 9);
    expect(values[1]?.value).toBeCloseTo(6.5, 9);
    expect(values[2]?.value).toBeGreaterThan(6.5);
    expect(values[3]?.value).toBeGreaterThan(values[2]!.value!);
    const empty = await measure({
      initiativeId: definition.id,
      kpis: [{ name: 'response_minutes', aggregate: 'median' as const }],
      from: '2020-01-01T00:00:00.000Z',
      to: '2020-01-02T00:00:00.000Z',
    });
    expect(empty).toEqual([{ kpi: 'response_minutes', value: null, samples: 0 }]);
  });

  it('projects a step into the register once, however often it runs, and never lets an older step undo a newer one', async () => {
    const plan = {
      version: 1,
      cycle: 1,
      submittedBy: 'maria',
      submittedAt: '2026-11-24T11:00:00.000Z',
      measures: [{ title: 'a tool', kind: 'tool' as const, department: 'it' }],
      tasks: [
        {
          id: 'go-live',
          title: 'go live',
          department: 'it',
          dueAt: '2026-12-01T00:00:00.000Z',
          doneAt: null as string | null,
          doneBy: null as string | null,
          remindersSent: 0,
          escalated: false,
        },
      ],
      trainees: [],
      decisions: [] as { role: string; by: string; decision: 'approved'; at: string; planVersion: number }[],
      approvedAt: null as string | null,
    };
    const step = (sequence: number, phase: 'AwaitingApproval' | 'Implementing', p: typeof plan) => ({
      workflowId,
      initiativeId: definition.id,
      cycle: 1,
      sequence,
      actor: 'system',
      role: null,
      action: 'approve-plan' as const,
      details: {},
      occurredAt: `2026-11-24T12:0${sequence}:00.000Z`,
      phase,
      snapshot: {
        phase,
        phaseSince: '2026-11-24T12:00:00.000Z',
        cycle: 1,
        waitingOn: [],
        plan: p,
        baseline: [],
        closed: null,
      },
    });
    const approved = {
      ...plan,
      approvedAt: '2026-11-24T12:05:00.000Z',
      decisions: [
        {
          role: 'cs-lead',
          by: 'li',
          decision: 'approved' as const,
          at: '2026-11-24T12:04:00.000Z',
          planVersion: 1,
        },
      ],
      tasks: [{ ...plan.tasks[0]!, doneAt: '2026-11-24T12:06:00.000Z', doneBy: 'ivan' }],
    };
    await env.run(activities.recordAudit, step(5, 'Implementing', approved));
    await env.run(activities.recordAudit, step(5, 'Implementing', approved));
    // A retried older step arrives late: its facts are kept, but it changes nothing current.
    await env.run(activities.recordAudit, step(2, 'AwaitingApproval', plan));
    for (const table of ['plan_versions', 'plan_tasks', 'approval_decisions', 'cycles']) {
      expect([table, await count(table)]).toEqual([table, 1]);
    }
    const [current] = await dataSource.query(`SELECT phase FROM initiatives WHERE id = $1`, [definition.id]);
    expect(current.phase).toBe('Implementing');
    const [version] = await dataSource.query(`SELECT status FROM plan_versions WHERE initiative_id = $1`, [
      definition.id,
    ]);
    expect(version.status).toBe('approved');
    const [task] = await dataSource.query(`SELECT done_by FROM plan_tasks WHERE initiative_id = $1`, [
      definition.id,
    ]);
    expect(task.done_by).toBe('ivan');
  });

  it('compares a window with the baseline in SQL exactly as the domain does on the samples', async () => {
    const baseline = { from: '2026-10-01T00:00:00.000Z', to: '2026-10-08T00:00:00.000Z' };
    const current = { from: '2026-10-10T00:00:00.000Z', to: '2026-10-24T00:00:00.000Z' };
    const before = [12, 11, 13, 12, 14, 10, 12, 15, 11, 12, 13, 12];
    const after = [7, 6, 8, 6.5, 7, 5, 6, 12, 6.5, 7];
    await storeSamples(dataSource, definition.id, 'response_minutes', before, baseline);
    await storeSamples(dataSource, definition.id, 'response_minutes', after, current);
    const measure = (aggregate: 'median' | 'mean'): Promise<KpiMeasurement[]> =>
      env.run(activities.measureKpis, {
        initiativeId: definition.id,
        kpis: [{ name: 'response_minutes', aggregate, baseline: { ...baseline, value: 12 } }],
        ...current,
      });
    const [median] = await measure('median');
    const expectedU = mannWhitneyU(after, before);
    expect(median?.comparison).toEqual(
      expect.objectContaining({ test: 'mann-whitney-u', changeAbsolute: (median?.value ?? 0) - 12 }),
    );
    expect(median?.comparison?.pValue).toBeCloseTo(expectedU.pValue ?? -1, 12);
    const [mean] = await measure('mean');
    const welch = welchTest(summarize(before), summarize(after));
    expect(mean?.comparison?.test).toBe('welch-t');
    expect(mean?.comparison?.pValue).toBeCloseTo(welch.pValue ?? -1, 9);
    expect(mean?.comparison?.ci?.[0]).toBeCloseTo(welch.ci?.[0] ?? Number.NaN, 9);
  });
});
