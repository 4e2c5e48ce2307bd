import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register in full: cycles, plan versions with their tasks and trainees, approval decisions,
 * baselines, evaluations, follow-up reviews, feedback, webhook deliveries, and on the initiative
 * what it waits on (for "my work" and the list filters).
 */
export class RegisterDetail1764028800000 implements MigrationInterface {
  name = 'RegisterDetail1764028800000';

  async up(db: QueryRunner): Promise<void> {
    // Ingest checks the initiative once per batch; the per-row foreign-key trigger cost a third of
    // the insert time (bench/README.md), and initiatives are never deleted.
    await db.query(`ALTER TABLE measurements DROP CONSTRAINT measurements_initiative_id_fkey`);
    // Text search over title, id, service, department and owner (ILIKE '%…%' served by trigrams).
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      ALTER TABLE initiatives
        ADD COLUMN policy_roles        text[] NOT NULL DEFAULT '{}',
        ADD COLUMN waiting_on          jsonb  NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN waiting_roles       text[] NOT NULL DEFAULT '{}',
        ADD COLUMN waiting_departments text[] NOT NULL DEFAULT '{}',
        ADD COLUMN waiting_people      text[] NOT NULL DEFAULT '{}',
        ADD COLUMN next_due_at         timestamptz,
        ADD COLUMN phase_since         timestamptz,
        ADD COLUMN closed_outcome      text,
        ADD COLUMN audit_cycle         int NOT NULL DEFAULT 0,
        ADD COLUMN audit_sequence      int NOT NULL DEFAULT 0,
        ADD COLUMN search_text         text GENERATED ALWAYS AS
          (lower(id || ' ' || title || ' ' || service || ' ' || department || ' ' || owner)) STORED`);
    // The list is newest first with keyset pages on (created_at, id); each filter has its own
    // composite index so a filtered page is an index range scan.
    await db.query(`DROP INDEX idx_initiatives_service`);
    await db.query(`DROP INDEX idx_initiatives_department`);
    await db.query(`DROP INDEX idx_initiatives_phase`);
    await db.query(`CREATE INDEX idx_initiatives_page ON initiatives (created_at DESC, id DESC)`);
    for (const column of ['phase', 'service', 'department', 'owner', 'cycle']) {
      await db.query(
        `CREATE INDEX idx_initiatives_${column}_page ON initiatives (${column}, created_at DESC, id DESC)`,
      );
    }
    await db.query(`CREATE INDEX idx_initiatives_search ON initiatives USING gin (search_text gin_trgm_ops)`);
    // Who may read an initiative: its department, or anyone holding a role its policy names.
    await db.query(`
      UPDATE initiatives SET policy_roles = ARRAY(
        SELECT DISTINCT r FROM (
          SELECT jsonb_array_elements_text(definition #> '{policy,approval,roles}')
          UNION SELECT jsonb_array_elements_text(definition #> '{policy,managerRoles}')
          UNION SELECT definition #>> '{policy,approval,escalateTo}') AS roles(r)
        WHERE r IS NOT NULL)`);
    for (const column of ['policy_roles', 'waiting_roles', 'waiting_departments', 'waiting_people']) {
      await db.query(`CREATE INDEX idx_initiatives_${column} ON initiatives USING gin (${column})`);
    }

    await db.query(`
      CREATE TABLE baselines (
        initiative_id text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        kpi           text NOT NULL,
        value         double precision NOT NULL,
        samples       int NOT NULL,
        window_from   timestamptz NOT NULL,
        window_to     timestamptz NOT NULL,
        recorded_at   timestamptz NOT NULL,
        PRIMARY KEY (initiative_id, kpi)
      )`);
    await db.query(`
      CREATE TABLE cycles (
        initiative_id text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        cycle         int NOT NULL,
        started_at    timestamptz NOT NULL,
        ended_at      timestamptz,
        outcome       text,
        PRIMARY KEY (initiative_id, cycle)
      )`);
    await db.query(`
      CREATE TABLE plan_versions (
        initiative_id text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        cycle         int NOT NULL,
        version       int NOT NULL,
        status        text NOT NULL,
        submitted_by  text NOT NULL,
        submitted_at  timestamptz NOT NULL,
        approved_at   timestamptz,
        measures      jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (initiative_id, cycle, version)
      )`);
    await db.query(`
      CREATE TABLE plan_tasks (
        initiative_id  text NOT NULL,
        cycle          int NOT NULL,
        plan_version   int NOT NULL,
        task_id        text NOT NULL,
        title          text NOT NULL,
        department     text NOT NULL,
        due_at         timestamptz NOT NULL,
        done_at        timestamptz,
        done_by        text,
        reminders_sent int NOT NULL DEFAULT 0,
        escalated      boolean NOT NULL DEFAULT false,
        PRIMARY KEY (initiative_id, cycle, plan_version, task_id),
        FOREIGN KEY (initiative_id, cycle, plan_version) REFERENCES plan_versions (initiative_id, cycle, version) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE plan_trainees (
        initiative_id  text NOT NULL,
        cycle          int NOT NULL,
        plan_version   int NOT NULL,
        person         text NOT NULL,
        department     text NOT NULL,
        due_at         timestamptz NOT NULL,
        completed_at   timestamptz,
        reminders_sent int NOT NULL DEFAULT 0,
        escalated      boolean NOT NULL DEFAULT false,
        PRIMARY KEY (initiative_id, cycle, plan_version, person),
        FOREIGN KEY (initiative_id, cycle, plan_version) REFERENCES plan_versions (initiative_id, cycle, version) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE approval_decisions (
        initiative_id text NOT NULL,
        cycle         int NOT NULL,
        plan_version  int NOT NULL,
        role          text NOT NULL,
        decision      text NOT NULL CHECK (decision IN ('approved', 'rejected')),
        decided_by    text NOT NULL,
        reason        text,
        decided_at    timestamptz NOT NULL,
        PRIMARY KEY (initiative_id, cycle, plan_version, role),
        FOREIGN KEY (initiative_id, cycle, plan_version) REFERENCES plan_versions (initiative_id, cycle, version) ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE evaluations (
        id              bigserial PRIMARY KEY,
        initiative_id   text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        cycle           int NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('evaluation', 'follow-up')),
        review_number   int NOT NULL DEFAULT 0,
        kpi             text NOT NULL,
        aggregate       text NOT NULL,
        baseline        double precision NOT NULL,
        target          double precision NOT NULL,
        observed        double precision,
        samples         int NOT NULL,
        verdict         text NOT NULL CHECK (verdict IN ('met', 'not-met', 'inconclusive')),
        window_from     timestamptz NOT NULL,
        window_to       timestamptz NOT NULL,
        change_absolute double precision,
        change_percent  double precision,
        test            text,
        p_value         double precision,
        ci_low          double precision,
        ci_high         double precision,
        recorded_at     timestamptz NOT NULL,
        CONSTRAINT uq_evaluations_kpi UNIQUE (initiative_id, cycle, kind, review_number, kpi)
      )`);
    await db.query(`
      CREATE TABLE follow_up_reviews (
        initiative_id text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        number        int NOT NULL,
        cycle         int NOT NULL,
        outcome       text NOT NULL CHECK (outcome IN ('met', 'regression', 'inconclusive')),
        window_from   timestamptz NOT NULL,
        window_to     timestamptz NOT NULL,
        recorded_at   timestamptz NOT NULL,
        PRIMARY KEY (initiative_id, number)
      )`);
    await db.query(`
      CREATE TABLE feedback (
        id            bigserial PRIMARY KEY,
        initiative_id text NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        score         double precision,
        comment       text,
        submitted_by  text NOT NULL,
        submitted_at  timestamptz NOT NULL,
        client_key    text,
        CONSTRAINT uq_feedback_client_key UNIQUE (initiative_id, client_key)
      )`);
    await db.query(`CREATE INDEX idx_feedback_initiative ON feedback (initiative_id, submitted_at DESC)`);

    // Refused actions recorded by the gateway have no workflow step, hence no sequence.
    await db.query(`ALTER TABLE audit_entries ALTER COLUMN sequence DROP NOT NULL`);
    await db.query(`DROP INDEX idx_audit_entries_initiative`);
    await db.query(`CREATE INDEX idx_audit_entries_trail ON audit_entries (initiative_id, occurred_at, id)`);

    await db.query(`
      CREATE TABLE notification_deliveries (
        id              bigserial PRIMARY KEY,
        notification_id bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        url             text NOT NULL,
        status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts        int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_status     int,
        last_error      text,
        delivered_at    timestamptz,
        CONSTRAINT uq_notification_deliveries_target UNIQUE (notification_id, url)
      )`);
    await db.query(
      `CREATE INDEX idx_notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE measurements ADD CONSTRAINT measurements_initiative_id_fkey
        FOREIGN KEY (initiative_id) REFERENCES initiatives (id) ON DELETE CASCADE`);
    await db.query(`DROP TABLE notification_deliveries`);
    await db.query(`DROP INDEX idx_audit_entries_trail`);
    await db.query(`CREATE INDEX idx_audit_entries_initiative ON audit_entries (initiative_id)`);
    await db.query(`DELETE FROM audit_entries WHERE sequence IS NULL`);
    await db.query(`ALTER TABLE audit_entries ALTER COLUMN sequence SET NOT NULL`);
    for (const table of [
      'feedback',
      'follow_up_reviews',
      'evaluations',
      'approval_decisions',
      'plan_trainees',
      'plan_tasks',
      'plan_versions',
      'cycles',
      'baselines',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    for (const index of [
      'page',
      'phase_page',
      'service_page',
      'department_page',
      'owner_page',
      'cycle_page',
      'search',
      'policy_roles',
      'waiting_roles',
      'waiting_departments',
      'waiting_people',
    ]) {
      await db.query(`DROP INDEX idx_initiatives_${index}`);
    }
    await db.query(`
      ALTER TABLE initiatives
        DROP COLUMN search_text, DROP COLUMN audit_sequence, DROP COLUMN audit_cycle,
        DROP COLUMN closed_outcome, DROP COLUMN phase_since, DROP COLUMN next_due_at,
        DROP COLUMN waiting_people, DROP COLUMN waiting_departments, DROP COLUMN waiting_roles,
        DROP COLUMN waiting_on, DROP COLUMN policy_roles`);
    await db.query(`CREATE INDEX idx_initiatives_service ON initiatives (service)`);
    await db.query(`CREATE INDEX idx_initiatives_department ON initiatives (department)`);
    await db.query(`CREATE INDEX idx_initiatives_phase ON initiatives (phase)`);
  }
}
