import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The windows whose pulled KPIs the worker collects while they are open: one row per initiative,
 * KPI and window, with how far its samples are collected, when it is pulled next, the lease of the
 * worker pulling it, and the last failure (so a source that is down shows since when).
 */
export class CollectionWindows1796090400000 implements MigrationInterface {
  name = 'CollectionWindows1796090400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE collection_windows (
        initiative_id   text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        kpi             text NOT NULL,
        source          jsonb NOT NULL,
        window_from     timestamptz NOT NULL,
        window_to       timestamptz NOT NULL,
        open            boolean NOT NULL DEFAULT true,
        collected_until timestamptz NOT NULL,
        next_pull_at    timestamptz NOT NULL DEFAULT now(),
        lease_until     timestamptz,
        last_pull_at    timestamptz,
        last_error      text,
        failing_since   timestamptz,
        PRIMARY KEY (initiative_id, kpi, window_from)
      )`);
    await db.query(`CREATE INDEX idx_collection_windows_due ON collection_windows (next_pull_at) WHERE open`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE collection_windows`);
  }
}
