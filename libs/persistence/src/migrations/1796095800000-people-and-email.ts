import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people directory, their notification preferences and out-of-office delegations; email
 * deliveries beside the webhook ones (one per notification and person), and notifications that
 * belong to no initiative (a person's daily digest).
 */
export class PeopleAndEmail1796095800000 implements MigrationInterface {
  name = 'PeopleAndEmail1796095800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE people (
        id           text PRIMARY KEY,
        email        text,
        display_name text,
        locale       text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh-CN')),
        roles        text[] NOT NULL DEFAULT '{}',
        departments  text[] NOT NULL DEFAULT '{}',
        source       text NOT NULL CHECK (source IN ('token', 'admin')),
        last_seen_at timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_people_roles ON people USING gin (roles)`);
    await db.query(`CREATE INDEX idx_people_departments ON people USING gin (departments)`);
    await db.query(`
      CREATE TABLE notification_preferences (
        person_id  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        kind       text NOT NULL,
        mode       text NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, kind)
      )`);
    await db.query(`
      CREATE TABLE delegations (
        id         bigserial PRIMARY KEY,
        delegator  text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        delegate   text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        starts_at  timestamptz NOT NULL,
        ends_at    timestamptz NOT NULL,
        reason     text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT ck_delegations_other CHECK (delegate <> delegator),
        CONSTRAINT ck_delegations_range CHECK (ends_at > starts_at)
      )`);
    await db.query(`CREATE INDEX idx_delegations_delegator ON delegations (delegator, ends_at)`);
    await db.query(`CREATE INDEX idx_delegations_delegate ON delegations (delegate, ends_at)`);
    // A decision a delegate made: whom they stood in for.
    await db.query(`ALTER TABLE approval_decisions ADD COLUMN on_behalf_of text`);

    // Notifications without an initiative (digests), their facts, and their fan-out to email.
    await db.query(`ALTER TABLE notifications ALTER COLUMN initiative_id DROP NOT NULL`);
    await db.query(`ALTER TABLE notifications ADD COLUMN facts jsonb`);
    await db.query(`ALTER TABLE notifications ADD COLUMN emailed_at timestamptz`);
    // What was told before email existed is not emailed now.
    await db.query(`UPDATE notifications SET emailed_at = created_at`);
    await db.query(
      `CREATE INDEX idx_notifications_to_email ON notifications (created_at) WHERE emailed_at IS NULL`,
    );

    await db.query(`
      ALTER TABLE notification_deliveries
        ADD COLUMN channel text NOT NULL DEFAULT 'webhook' CHECK (channel IN ('webhook', 'email')),
        ADD COLUMN person_id text,
        ADD COLUMN address text,
        ALTER COLUMN url DROP NOT NULL`);
    await db.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT uq_notification_deliveries_target`);
    await db.query(
      `CREATE UNIQUE INDEX uq_notification_deliveries_webhook ON notification_deliveries (notification_id, url) WHERE channel = 'webhook'`,
    );
    await db.query(
      `CREATE UNIQUE INDEX uq_notification_deliveries_email ON notification_deliveries (notification_id, person_id) WHERE channel = 'email'`,
    );
    await db.query(`
      ALTER TABLE notification_deliveries ADD CONSTRAINT ck_notification_deliveries_target CHECK (
        (channel = 'webhook' AND url IS NOT NULL) OR (channel = 'email' AND person_id IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notification_deliveries WHERE channel = 'email'`);
    await db.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT ck_notification_deliveries_target`);
    await db.query(`DROP INDEX uq_notification_deliveries_email`);
    await db.query(`DROP INDEX uq_notification_deliveries_webhook`);
    await db.query(`
      ALTER TABLE notification_deliveries
        DROP COLUMN channel, DROP COLUMN person_id, DROP COLUMN address, ALTER COLUMN url SET NOT NULL`);
    await db.query(
      `ALTER TABLE notification_deliveries ADD CONSTRAINT uq_notification_deliveries_target UNIQUE (notification_id, url)`,
    );
    await db.query(`DROP INDEX idx_notifications_to_email`);
    await db.query(`ALTER TABLE notifications DROP COLUMN emailed_at, DROP COLUMN facts`);
    await db.query(`DELETE FROM notifications WHERE initiative_id IS NULL`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN initiative_id SET NOT NULL`);
    await db.query(`ALTER TABLE approval_decisions DROP COLUMN on_behalf_of`);
    await db.query(`DROP TABLE delegations`);
    await db.query(`DROP TABLE notification_preferences`);
    await db.query(`DROP TABLE people`);
  }
}
