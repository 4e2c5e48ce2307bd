import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the daily digest reads by, so that composing one person's digest stays a few index
 * reads however large the register and the outbox grow (`npm run bench -- mail`):
 * - the open initiatives past a deadline, for the escalation roles' overdue lines;
 * - each person's previous digests, for where the notices since the last one begin;
 * - the outbox by creation time, for the notices of the day.
 *
 * Built concurrently, outside a transaction, so that a large outbox keeps taking writes meanwhile.
 */
export class DigestIndexes1796097600000 implements MigrationInterface {
  name = 'DigestIndexes1796097600000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    // An interrupted concurrent build leaves an invalid index behind: each is dropped first.
    for (const index of [
      'idx_initiatives_open_due',
      'idx_notifications_digests',
      'idx_notifications_created',
    ]) {
      await db.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
    }
    await db.query(
      `CREATE INDEX CONCURRENTLY idx_initiatives_open_due ON initiatives (next_due_at)
        WHERE phase NOT IN ('Closed', 'Paused')`,
    );
    await db.query(
      `CREATE INDEX CONCURRENTLY idx_notifications_digests ON notifications (recipient_person, created_at)
        WHERE kind = 'daily-digest'`,
    );
    await db.query(`CREATE INDEX CONCURRENTLY idx_notifications_created ON notifications (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS idx_notifications_created`);
    await db.query(`DROP INDEX IF EXISTS idx_notifications_digests`);
    await db.query(`DROP INDEX IF EXISTS idx_initiatives_open_due`);
  }
}
