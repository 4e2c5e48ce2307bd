import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the register's list shows of each initiative besides its phase: how many cycles it may
 * run (the policy's limit, raised by extensions) and the verdict of its latest evaluation or
 * follow-up review. And the samples' window index carries their values, so that a KPI's chart
 * (and a window's aggregate) reads the index alone.
 */
export class RegisterListColumns1796086800000 implements MigrationInterface {
  name = 'RegisterListColumns1796086800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE initiatives
        ADD COLUMN max_cycles int,
        ADD COLUMN last_verdict text`);
    await db.query(`
      UPDATE initiatives i
         SET max_cycles = GREATEST((i.definition->'policy'->>'maxCycles')::int, i.cycle),
             last_verdict = (SELECT CASE WHEN e.kind = 'follow-up' AND e.verdict = 'not-met' THEN 'not-met' ELSE e.verdict END
                               FROM evaluations e WHERE e.initiative_id = i.id
                              ORDER BY e.recorded_at DESC, e.kpi LIMIT 1)`);
    await db.query(`DROP INDEX idx_measurements_window`);
    await db.query(
      `CREATE INDEX idx_measurements_window ON measurements (initiative_id, kpi, observed_at) INCLUDE (value)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idx_measurements_window`);
    await db.query(`CREATE INDEX idx_measurements_window ON measurements (initiative_id, kpi, observed_at)`);
    await db.query(`ALTER TABLE initiatives DROP COLUMN max_cycles, DROP COLUMN last_verdict`);
  }
}
