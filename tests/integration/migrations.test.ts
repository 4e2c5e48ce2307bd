import { DataSource } from 'typeorm';
import { createDataSource, migrations } from '@cio/persistence';
import { createTestDatabase, type TestDatabase } from '@cio/testing';

async function tables(db: TestDatabase): Promise<string[]> {
  const dataSource = createDataSource(db.options);
  await dataSource.initialize();
  try {
    const rows: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((row) => row.table_name);
  } finally {
    await dataSource.destroy();
  }
}

const registerTables = [
  'initiatives',
  'audit_entries',
  'measurements',
  'notifications',
  'notification_deliveries',
  'baselines',
  'cycles',
  'plan_versions',
  'plan_tasks',
  'plan_trainees',
  'approval_decisions',
  'evaluations',
  'follow_up_reviews',
  'feedback',
  'idempotency_keys',
  'refused_requests',
  'collection_windows',
  'opportunities',
  'opportunity_supporters',
  'opportunity_comments',
  'opportunity_events',
  'service_watches',
  'people',
  'notification_preferences',
  'delegations',
  'watch_checks',
  'watch_samples',
];

describe('register migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('go up on an empty database, all the way down, and up again', async () => {
    const dataSource = createDataSource(db.options);
    await dataSource.initialize();
    try {
      const up = await dataSource.runMigrations({ transaction: 'each' });
      expect(up.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
      expect(await tables(db)).toEqual(expect.arrayContaining(registerTables));
      expect(await dataSource.showMigrations()).toBe(false);

      for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables(db)).toEqual(['schema_migrations']);

      const again = await dataSource.runMigrations({ transaction: 'each' });
      expect(again).toHaveLength(migrations.length);
      expect(await tables(db)).toEqual(expect.arrayContaining(registerTables));
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps workflow-written audit rows unique per (workflow, cycle, sequence)', async () => {
    const dataSource = createDataSource(db.options);
    await dataSource.initialize();
    try {
      await dataSource.query(
        `INSERT INTO initiatives (id, workflow_id, title, service, department, owner, phase, definition)
         VALUES ('i-1', 'initiative-i-1', 't', 's', 'd', 'o', 'Assessing', '{}')`,
      );
      const insert = `INSERT INTO audit_entries (initiative_id, workflow_id, cycle, sequence, actor, action, occurred_at)
                      VALUES ('i-1', 'initiative-i-1', 1, 1, 'system', 'created', now())`;
      await dataSource.query(insert);
      await expect(dataSource.query(insert)).rejects.toThrow(/uq_audit_entries_step/);
    } finally {
      await dataSource.destroy();
    }
  });

  it('create every column the entities map, with the same nullability', async () => {
    const dataSource = createDataSource(db.options);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const rows: { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[] =
        await dataSource.query(
          `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
        );
      const actual = new Set(
        rows.map((r) => `${r.table_name}.${r.column_name} nullable=${r.is_nullable === 'YES'}`),
      );
      const mapped = dataSource.entityMetadatas.flatMap((entity) =>
        entity.columns.map(
          (column) => `${entity.tableName}.${column.databaseName} nullable=${column.isNullable}`,
        ),
      );
      expect(mapped.filter((column) => !actual.has(column))).toEqual([]);
      expect(dataSource.entityMetadatas.map((entity) => entity.tableName).sort()).toEqual(
        [...registerTables].sort(),
      );
    } finally {
      await dataSource.destroy();
    }
  });

  it('upgrade a register written before them: names, limits, verdicts and the window index filled in', async () => {
    const upgraded = await createTestDatabase();
    const full = createDataSource(upgraded.options);
    const before = migrations.findIndex((m) => m.name === 'InvolvementAndRefusals1796083200000');
    const old = new DataSource({ ...full.options, migrations: migrations.slice(0, before) } as never);
    await old.initialize();
    try {
      await old.runMigrations({ transaction: 'each' });
      const definition = { policy: { maxCycles: 3 } };
      await old.query(
        `INSERT INTO initiatives (id, workflow_id, title, service, department, owner, phase, cycle, definition, closed_outcome)
         VALUES ('old', 'initiative-old', 't', 's', 'customer-service', 'maria', 'Closed', 4, $1, 'cancelled'),
                ('new', 'initiative-new', 't', 's', 'customer-service', 'maria', 'Assessing', 1, $1, NULL)`,
        [JSON.stringify(definition)],
      );
      const entries: [string, number, string, object][] = [
        ['initiative-created', 1, 'accepted', {}],
        ['plan-approved', 1, 'accepted', {}],
        ['cycle-limit-extended', 3, 'accepted', { additionalCycles: 2 }],
        ['cycle-limit-extended', 3, 'refused', { additionalCycles: 9 }],
        ['closed', 4, 'accepted', { reason: 'retired' }],
      ];
      for (const [i, [action, cycle, outcome, details]] of entries.entries()) {
        await old.query(
          `INSERT INTO audit_entries (initiative_id, workflow_id, cycle, sequence, actor, action, outcome, details, occurred_at)
           VALUES ('old', 'initiative-old', $1, $2, 'maria', $3, $4, $5, now())`,
          [cycle, i + 1, action, outcome, JSON.stringify(details)],
        );
      }
      const judged = (cycle: number, kpi: string, verdict: string, day: number) =>
        old.query(
          `INSERT INTO evaluations (initiative_id, cycle, kind, kpi, aggregate, baseline, target, samples, verdict, window_from, window_to, recorded_at)
           VALUES ('old', $1, 'evaluation', $2, 'mean', 12, 5, 40, $3, now(), now(), $4)`,
          [cycle, kpi, verdict, new Date(Date.UTC(2026, 0, day)).toISOString()],
        );
      await judged(1, 'response_minutes', 'met', 1);
      await judged(1, 'satisfaction', 'met', 1);
      await judged(2, 'response_minutes', 'met', 20);
      await judged(2, 'satisfaction', 'inconclusive', 20);
    } finally {
      await old.destroy();
    }

    await full.initialize();
    try {
      await full.runMigrations({ transaction: 'each' });
      const actions: { action: string; details: { outcome?: string } }[] = await full.query(
        `SELECT action, details FROM audit_entries WHERE initiative_id = 'old' ORDER BY sequence`,
      );
      expect(actions.map((a) => a.action)).toEqual([
        'create-initiative',
        'approve-plan',
        'extend-cycle-limit',
        'extend-cycle-limit',
        'cancel',
      ]);
      expect(actions.at(-1)?.details).toEqual({ reason: 'retired', outcome: 'cancelled' });
      const rows: { id: string; max_cycles: number; last_verdict: string | null }[] = await full.query(
        `SELECT id, max_cycles, last_verdict FROM initiatives ORDER BY id`,
      );
      // 3 from the policy, 2 from the accepted extension (the refused one counts for nothing);
      // the latest judgement (cycle 2) had a KPI inconclusive.
      expect(rows).toEqual([
        { id: 'new', max_cycles: 3, last_verdict: null },
        { id: 'old', max_cycles: 5, last_verdict: 'inconclusive' },
      ]);
      const [index]: { definition: string; valid: boolean }[] = await full.query(
        `SELECT pg_get_indexdef(c.oid) AS definition, i.indisvalid AS valid
           FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = 'idx_measurements_window'`,
      );
      expect(index).toEqual({ definition: expect.stringContaining('INCLUDE (value)'), valid: true });
    } finally {
      await full.destroy();
      await upgraded.drop();
    }
  });
});
