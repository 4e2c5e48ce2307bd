import type { DataSource } from 'typeorm';
import { PHASES } from '@cio/contracts';

export const SERVICES = Array.from({ length: 40 }, (_, i) => `service-${i}`);
export const DEPARTMENTS = Array.from({ length: 25 }, (_, i) => `department-${i}`);
/** Every phase of the lifecycle, as the register may hold them. */
export { PHASES };

/**
 * Seeds `count` initiatives in one statement: 40 services, 25 departments, 500 owners, the phases
 * in rotation, cycles 1–3, policy roles and waits like the workflow writes them, created one
 * second apart. Deterministic: the same count gives the same rows.
 */
export async function seedInitiatives(db: DataSource, count: number): Promise<void> {
  await db.query(
    `INSERT INTO initiatives (id, workflow_id, title, service, department, owner, phase, cycle, definition,
                              policy_roles, waiting_on, waiting_roles, waiting_departments, waiting_people,
                              next_due_at, created_at, updated_at)
     SELECT 'bench-' || g, 'initiative-bench-' || g,
            'Improvement ' || g || ' of ' || ($2::text[])[1 + g % 40],
            ($2::text[])[1 + g % 40], ($3::text[])[1 + g % 25], 'owner-' || (g % 500),
            phase, 1 + g % 3, '{"kpis": [], "policy": {}}'::jsonb,
            ARRAY['cs-lead', 'change-board', 'role-' || (g % 50)],
            '[]'::jsonb,
            CASE WHEN phase = 'AwaitingApproval' THEN ARRAY['change-board', 'role-' || (g % 50)] ELSE '{}' END,
            CASE WHEN phase = 'Implementing' THEN ARRAY[($3::text[])[1 + g % 25]] ELSE '{}' END,
            CASE WHEN phase = 'Implementing' THEN ARRAY['person-' || (g % 1000)] ELSE '{}' END,
            CASE WHEN phase IN ('AwaitingApproval', 'Implementing') THEN now() + (g % 30 || ' days')::interval END,
            timestamptz '2026-01-01' + (g || ' seconds')::interval, now()
       FROM generate_series(1, $1) AS g,
            LATERAL (SELECT ($4::text[])[1 + g % cardinality($4::text[])] AS phase) p`,
    [count, SERVICES, DEPARTMENTS, PHASES],
  );
  await db.query('ANALYZE initiatives');
}

/**
 * Seeds a KPI window of `count` samples with a log-normal shape (like response times) from a
 * seeded generator, one observation per second from `from`.
 */
export async function seedSamples(
  db: DataSource,
  initiativeId: string,
  kpi: string,
  count: number,
  from: string,
  medianMinutes: number,
): Promise<void> {
  await db.query(`SELECT setseed(0.42)`);
  await db.query(
    `INSERT INTO measurements (initiative_id, kpi, value, observed_at, source)
     SELECT $1, $2, round((exp(ln($5::float8) + 0.5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::numeric, 2),
            $4::timestamptz + (g || ' seconds')::interval, 'bench'
       FROM generate_series(1, $3) AS g`,
    [initiativeId, kpi, count, from, medianMinutes],
  );
  // As autovacuum leaves an append-only table between pushes: analysed, its pages all-visible.
  await db.query('VACUUM (ANALYZE) measurements');
}
