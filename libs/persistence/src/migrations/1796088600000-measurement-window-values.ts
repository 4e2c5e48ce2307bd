import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The samples' window index carries their values, so that a KPI's chart and a window's aggregate
 * read the index alone. Built concurrently, outside a transaction: pushes and pulls go on while a
 * register with millions of samples builds it. A build interrupted halfway leaves an invalid index
 * under the new name, which the next attempt drops first.
 */
export class MeasurementWindowValues1796088600000 implements MigrationInterface {
  name = 'MeasurementWindowValues1796088600000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS idx_measurements_window_values`);
    await db.query(
      `CREATE INDEX CONCURRENTLY idx_measurements_window_values
         ON measurements (initiative_id, kpi, observed_at) INCLUDE (value)`,
    );
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS idx_measurements_window`);
    await db.query(`ALTER INDEX idx_measurements_window_values RENAME TO idx_measurements_window`);
  }

  /** Undone in one transaction (TypeORM undoes every migration in one): a brief lock is taken. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idx_measurements_window`);
    await db.query(`CREATE INDEX idx_measurements_window ON measurements (initiative_id, kpi, observed_at)`);
  }
}
