import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A comment keeps the key of the request that wrote it (from its Idempotency-Key), so a retry
 * whose first answer was lost adds no second comment.
 */
export class OpportunityCommentKeys1796094000000 implements MigrationInterface {
  name = 'OpportunityCommentKeys1796094000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE opportunity_comments ADD COLUMN request_key text`);
    await db.query(
      `ALTER TABLE opportunity_comments ADD CONSTRAINT uq_opportunity_comments_request UNIQUE (opportunity_id, request_key)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE opportunity_comments DROP COLUMN request_key`);
  }
}
