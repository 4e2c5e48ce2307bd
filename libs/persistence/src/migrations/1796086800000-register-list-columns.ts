import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the register's list shows of each initiative besides its phase: how many cycles it may
 * run (the policy's limit, raised by every accepted extension) and the verdict of its latest
 * evaluation or follow-up review, filled in for the initiatives already registered the way the
 * register records them from now on.
 */
export class RegisterListColumns1796086800000 implements MigrationInterface {
  name = 'RegisterListColumns1796086800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE initiatives
        ADD COLUMN max_cycles int,
        ADD COLUMN last_verdict text`);
    // The limit: the policy's, plus every accepted extension's additional cycles.
    await db.query(`
      UPDATE initiatives i
         SET max_cycles = GREATEST(
               (i.definition->'policy'->>'maxCycles')::int + COALESCE(
                 (SELECT sum((a.details->>'additionalCycles')::int)
                    FROM audit_entries a
                   WHERE a.initiative_id = i.id AND a.action = 'extend-cycle-limit'
                     AND a.outcome = 'accepted' AND a.details ? 'additionalCycles'), 0),
               i.cycle)`);
    // The verdict of the latest judgement (one evaluation or review, every KPI in it): met when
    // every KPI was met, inconclusive when any was, not met otherwise.
    await db.query(`
      WITH judgements AS (
        SELECT initiative_id, cycle, kind, review_number, max(recorded_at) AS recorded_at,
               bool_and(verdict = 'met') AS met, bool_or(verdict = 'inconclusive') AS inconclusive
          FROM evaluations
         GROUP BY initiative_id, cycle, kind, review_number),
      latest AS (
        SELECT DISTINCT ON (initiative_id) initiative_id, met, inconclusive
          FROM judgements
         ORDER BY initiative_id, recorded_at DESC, cycle DESC, review_number DESC)
      UPDATE initiatives i
         SET last_verdict = CASE WHEN l.met THEN 'met' WHEN l.inconclusive THEN 'inconclusive' ELSE 'not-met' END
        FROM latest l
       WHERE l.initiative_id = i.id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE initiatives DROP COLUMN max_cycles, DROP COLUMN last_verdict`);
  }
}
