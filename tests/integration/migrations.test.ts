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
});
