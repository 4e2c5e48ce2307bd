import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities, type KpiMeasurement, type MeasureKpisInput } from '@cio/activities';
import { createDataSource } from '@cio/persistence';
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

  it('writes one audit row per (workflow, cycle, sequence) and keeps the phase current', async () => {
    const entry = {
      workflowId,
      initiativeId: definition.id,
      cycle: 1,
      sequence: 1,
      actor: 'system',
      role: null,
      action: 'baseline-recorded',
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
        action: 'x',
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
});
