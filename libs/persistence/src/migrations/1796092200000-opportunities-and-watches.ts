import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's front door: improvement opportunities (with their supporters, comments and
 * trail), the service watches that raise them and each watch's checks and pushed samples, and an
 * initiative's closure code, achieved benefit and the opportunity it came from.
 */
export class OpportunitiesAndWatches1796092200000 implements MigrationInterface {
  name = 'OpportunitiesAndWatches1796092200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunities (
        id                  text PRIMARY KEY,
        title               text NOT NULL,
        description         text NOT NULL,
        service             text NOT NULL,
        department          text NOT NULL,
        origin              text NOT NULL,
        reference           text,
        benefit_category    text NOT NULL,
        benefit_level       text NOT NULL,
        benefit_description text NOT NULL,
        effort              text NOT NULL,
        risk                text NOT NULL,
        objectives          text[] NOT NULL DEFAULT '{}',
        status              text NOT NULL DEFAULT 'new',
        raised_by           text NOT NULL,
        supporters          int NOT NULL DEFAULT 0,
        comments            int NOT NULL DEFAULT 0,
        score               double precision NOT NULL,
        score_model         text NOT NULL,
        triaged_by          text,
        triaged_at          timestamptz,
        triage_reason       text,
        duplicate_of        text REFERENCES opportunities (id),
        initiative_id       text UNIQUE,
        watch_id            text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        search_text         text GENERATED ALWAYS AS (lower(id || ' ' || title || ' ' || description)) STORED
      )`);
    // The backlog: open opportunities by score; the whole register newest first; per service.
    await db.query(
      `CREATE INDEX idx_opportunities_backlog ON opportunities (score DESC, id) WHERE status IN ('new', 'accepted')`,
    );
    await db.query(`CREATE INDEX idx_opportunities_page ON opportunities (created_at DESC, id DESC)`);
    // The backlog's common filters, each its own order by score: a filter that matches no open
    // opportunity answers at once instead of walking the whole backlog.
    for (const column of ['service', 'department', 'benefit_category']) {
      await db.query(
        `CREATE INDEX idx_opportunities_${column} ON opportunities (${column}, score DESC, id) WHERE status IN ('new', 'accepted')`,
      );
    }
    // Text search and the objective filter, as the initiatives' search is served.
    await db.query(
      `CREATE INDEX idx_opportunities_search ON opportunities USING gin (search_text gin_trgm_ops)`,
    );
    await db.query(`CREATE INDEX idx_opportunities_objectives ON opportunities USING gin (objectives)`);
    // A watch never has two open opportunities: the register refuses the second.
    await db.query(
      `CREATE UNIQUE INDEX uq_opportunities_open_watch ON opportunities (watch_id) WHERE watch_id IS NOT NULL AND status IN ('new', 'accepted')`,
    );
    await db.query(`
      CREATE TABLE opportunity_supporters (
        opportunity_id text NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        person         text NOT NULL,
        comment        text,
        supported_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (opportunity_id, person)
      )`);
    await db.query(`
      CREATE TABLE opportunity_comments (
        id             bigserial PRIMARY KEY,
        opportunity_id text NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        author         text NOT NULL,
        body           text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_opportunity_comments ON opportunity_comments (opportunity_id, id)`);
    await db.query(`
      CREATE TABLE opportunity_events (
        id             bigserial PRIMARY KEY,
        opportunity_id text NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        actor          text NOT NULL,
        role           text,
        action         text NOT NULL,
        details        jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id     text,
        occurred_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX idx_opportunity_events ON opportunity_events (opportunity_id, id)`);
    await db.query(`
      ALTER TABLE initiatives
        ADD COLUMN opportunity_id   text,
        ADD COLUMN closure_code     text,
        ADD COLUMN closure_reason   text,
        ADD COLUMN closure_by       text,
        ADD COLUMN achieved_benefit text`);
    await db.query(`
      CREATE TABLE service_watches (
        id                   text PRIMARY KEY,
        title                text NOT NULL,
        service              text NOT NULL,
        department           text NOT NULL,
        definition           jsonb NOT NULL,
        created_by           text NOT NULL,
        created_key          text,
        consecutive_breaches int NOT NULL DEFAULT 0,
        last_checked_at      timestamptz,
        last_outcome         text,
        last_evidence        jsonb,
        created_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE watch_checks (
        watch_id       text NOT NULL REFERENCES service_watches (id) ON DELETE CASCADE,
        checked_at     timestamptz NOT NULL,
        outcome        text NOT NULL,
        evidence       jsonb NOT NULL,
        consecutive    int NOT NULL,
        act            text NOT NULL,
        opportunity_id text,
        PRIMARY KEY (watch_id, checked_at)
      )`);
    await db.query(`
      CREATE TABLE watch_samples (
        id          bigserial PRIMARY KEY,
        watch_id    text NOT NULL REFERENCES service_watches (id) ON DELETE CASCADE,
        value       double precision NOT NULL,
        observed_at timestamptz NOT NULL,
        client_key  text,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_watch_samples_client_key UNIQUE (watch_id, client_key)
      )`);
    await db.query(`CREATE INDEX idx_watch_samples_window ON watch_samples (watch_id, observed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE watch_samples`);
    await db.query(`DROP TABLE watch_checks`);
    await db.query(`DROP TABLE service_watches`);
    await db.query(`
      ALTER TABLE initiatives
        DROP COLUMN opportunity_id, DROP COLUMN closure_code, DROP COLUMN closure_reason,
        DROP COLUMN closure_by, DROP COLUMN achieved_benefit`);
    await db.query(`DROP TABLE opportunity_events`);
    await db.query(`DROP TABLE opportunity_comments`);
    await db.query(`DROP TABLE opportunity_supporters`);
    await db.query(`DROP TABLE opportunities`);
  }
}
