import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialRegister1764018000000 implements MigrationInterface {
  name = 'InitialRegister1764018000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE initiatives (
        id          text PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        title       text NOT NULL,
        service     text NOT NULL,
        department  text NOT NULL,
        owner       text NOT NULL,
        phase       text NOT NULL,
        cycle       int  NOT NULL DEFAULT 1,
        definition  jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_initiatives_service ON initiatives (service)`);
    await db.query(`CREATE INDEX idx_initiatives_department ON initiatives (department)`);
    await db.query(`CREATE INDEX idx_initiatives_phase ON initiatives (phase)`);
    await db.query(`
      CREATE TABLE audit_entries (
        id            bigserial PRIMARY KEY,
        initiative_id text NOT NULL,
        workflow_id   text NOT NULL,
        cycle         int  NOT NULL,
        sequence      int  NOT NULL,
        actor         text NOT NULL,
        role          text,
        action        text NOT NULL,
        outcome       text NOT NULL DEFAULT 'accepted',
        details       jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id    text,
        occurred_at   timestamptz NOT NULL,
        CONSTRAINT uq_audit_entries_step UNIQUE (workflow_id, cycle, sequence)
      )`);
    await db.query(`CREATE INDEX idx_audit_entries_initiative ON audit_entries (initiative_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_entries`);
    await db.query(`DROP TABLE initiatives`);
  }
}
