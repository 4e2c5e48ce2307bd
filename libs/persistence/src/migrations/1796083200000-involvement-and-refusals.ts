import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 1. The departments and people named in an initiative's plans (measures, tasks, trainees), which
 *    see it in every phase, paused included.
 * 2. Refusals with no initiative to attach to (a creation the caller may not make).
 * 3. The audit trail's one vocabulary: legacy action names become the current ones, and a legacy
 *    cancellation entry gains the outcome it closed with.
 */
export class InvolvementAndRefusals1796083200000 implements MigrationInterface {
  name = 'InvolvementAndRefusals1796083200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE initiatives
        ADD COLUMN involved_departments text[] NOT NULL DEFAULT '{}',
        ADD COLUMN involved_people      text[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      UPDATE initiatives i
         SET involved_departments = ARRAY(
               SELECT DISTINCT d FROM (
                 SELECT m->>'department' AS d FROM plan_versions v, jsonb_array_elements(v.measures) m
                  WHERE v.initiative_id = i.id
                 UNION SELECT department FROM plan_tasks WHERE initiative_id = i.id
                 UNION SELECT department FROM plan_trainees WHERE initiative_id = i.id) named
                WHERE d IS NOT NULL ORDER BY d),
             involved_people = ARRAY(
               SELECT DISTINCT person FROM plan_trainees WHERE initiative_id = i.id ORDER BY person)`);
    for (const column of ['involved_departments', 'involved_people']) {
      await db.query(`CREATE INDEX idx_initiatives_${column} ON initiatives USING gin (${column})`);
    }

    await db.query(`
      CREATE TABLE refused_requests (
        id          bigserial PRIMARY KEY,
        actor       text NOT NULL,
        roles       text[] NOT NULL,
        departments text[] NOT NULL,
        action      text NOT NULL,
        code        text NOT NULL,
        message     text NOT NULL,
        subject     text,
        details     jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id  text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_refused_requests_time ON refused_requests (occurred_at, id)`);

    await db.query(`
      UPDATE audit_entries a
         SET details = a.details || jsonb_build_object('outcome', COALESCE(i.closed_outcome, 'cancelled'))
        FROM initiatives i
       WHERE a.initiative_id = i.id AND a.action = 'closed' AND a.outcome = 'accepted'`);
    // The names as they stood when this migration was written (a migration never follows later
    // code); LEGACY_AUDIT_ACTIONS in @cio/contracts maps the same names when the register is read.
    await db.query(`
      UPDATE audit_entries a
         SET action = r.current
        FROM (VALUES
          ('initiative-created', 'create-initiative'),
          ('plan-submitted', 'submit-plan'),
          ('plan-approved', 'approve-plan'),
          ('plan-rejected', 'reject-plan'),
          ('task-completed', 'complete-task'),
          ('training-completed', 'complete-training'),
          ('paused', 'pause'),
          ('resumed', 'resume'),
          ('closed', 'cancel'),
          ('cycle-limit-extended', 'extend-cycle-limit'),
          ('approval-reminder-sent', 'approval-reminder'),
          ('approval-escalated', 'approval-escalation')
        ) AS r(legacy, current)
       WHERE a.action = r.legacy`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The renamed actions stay renamed: readers map legacy names anyway.
    await db.query(`DROP TABLE refused_requests`);
    for (const column of ['involved_departments', 'involved_people']) {
      await db.query(`DROP INDEX idx_initiatives_${column}`);
    }
    await db.query(`ALTER TABLE initiatives DROP COLUMN involved_departments, DROP COLUMN involved_people`);
  }
}
