import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeasurementsAndNotifications1764021600000 implements MigrationInterface {
  name = 'MeasurementsAndNotifications1764021600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE measurements (
        id            bigserial PRIMARY KEY,
        initiative_id text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        kpi           text NOT NULL,
        value         double precision NOT NULL,
        observed_at   timestamptz NOT NULL,
        source        text NOT NULL DEFAULT 'api',
        client_key    text,
        received_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_measurements_client_key UNIQUE (initiative_id, client_key)
      )`);
    // Evaluation windows read one KPI of one initiative over a time range.
    await db.query(`CREATE INDEX idx_measurements_window ON measurements (initiative_id, kpi, observed_at)`);
    await db.query(`
      CREATE TABLE notifications (
        id                   bigserial PRIMARY KEY,
        key                  text NOT NULL UNIQUE,
        initiative_id        text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        kind                 text NOT NULL,
        recipient_role       text,
        recipient_department text,
        recipient_person     text,
        subject              text NOT NULL,
        payload              jsonb NOT NULL DEFAULT '{}'::jsonb,
        status               text NOT NULL DEFAULT 'pending',
        attempts             int NOT NULL DEFAULT 0,
        created_at           timestamptz NOT NULL DEFAULT now(),
        delivered_at         timestamptz
      )`);
    await db.query(`CREATE INDEX idx_notifications_initiative ON notifications (initiative_id, created_at)`);
    await db.query(
      `CREATE INDEX idx_notifications_pending ON notifications (created_at) WHERE status = 'pending'`,
    );
    await db.query(`
      ALTER TABLE audit_entries
        ADD CONSTRAINT fk_audit_entries_initiative FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE audit_entries DROP CONSTRAINT fk_audit_entries_initiative`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE measurements`);
  }
}
