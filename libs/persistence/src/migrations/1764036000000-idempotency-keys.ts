import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's Idempotency-Key store: one row per caller and key, with the answer once known. */
export class IdempotencyKeys1764036000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764036000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        principal    text NOT NULL,
        key          text NOT NULL,
        fingerprint  text NOT NULL,
        status_code  int,
        response     jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (principal, key)
      )`);
    await db.query(`CREATE INDEX idx_idempotency_keys_age ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
