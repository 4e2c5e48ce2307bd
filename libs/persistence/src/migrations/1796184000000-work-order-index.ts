import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register in deadline order, for My work (`workWaitingOn`): when many initiatives wait on
 * the caller (a role every approval names, a department), the first page is read in index order
 * and stops at 50, instead of sorting every waiting row (`npm run bench -- list` measures both,
 * with the index and without). A caller few initiatives wait on keeps the GIN indexes on the
 * waiting columns.
 *
 * Built concurrently, outside a transaction, so that the register keeps taking writes meanwhile.
 */
export class WorkOrderIndex1796184000000 implements MigrationInterface {
  name = 'WorkOrderIndex1796184000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    // An interrupted concurrent build leaves an invalid index behind: dropped first, built anew.
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS idx_initiatives_due_order`);
    await db.query(`CREATE INDEX CONCURRENTLY idx_initiatives_due_order ON initiatives (next_due_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS idx_initiatives_due_order`);
  }
}
