import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { createDigestActivities, type DailyDigestResult } from '@cio/activities';
import { fanOutEmails } from '@cio/persistence';
import type { BenchResult } from './results';
import { type BenchOptions, withDatabase } from './register.bench';
import { DEPARTMENTS, seedInitiatives } from './seed-register';
import { fmt, percentiles, timed } from './timing';

/** The email dispatcher's batch (DEFAULT_BATCH_SIZE in apps/worker/src/notifications/email). */
const BATCH = 50;

/**
 * A directory of `people` (each holding one of people / 4 roles, so a role reaches 4 holders, in
 * 25 departments, one in a hundred away with a delegate standing in), `initiatives` register rows
 * whose open ones wait on one role each (an approval, due in the next days or overdue), and one
 * reminder per open initiative in the outbox, not yet emailed.
 */
export async function seedDirectory(db: DataSource, initiatives: number, people: number): Promise<number> {
  const roles = Math.max(1, Math.floor(people / 4));
  await seedInitiatives(db, initiatives);
  await db.query(
    `UPDATE initiatives i
        SET waiting_on = jsonb_build_array(jsonb_build_object(
              'kind', 'approval', 'subject', 'plan 1',
              'who', jsonb_build_object('role', 'role-' || (n.g % $1)),
              'since', to_jsonb(now() - interval '3 days'),
              'dueAt', to_jsonb(now() + ((n.g % 10) - 2 || ' days')::interval),
              'remindersSent', 0, 'escalatedTo', null)),
            waiting_roles = ARRAY['role-' || (n.g % $1)], waiting_departments = '{}', waiting_people = '{}'
       FROM (SELECT id, substring(id FROM 7)::int AS g FROM initiatives) n
      WHERE n.id = i.id AND i.phase NOT IN ('Closed', 'Paused')`,
    [roles],
  );
  await db.query(
    `INSERT INTO people (id, email, display_name, roles, departments, source, last_seen_at)
     SELECT 'person-' || g, 'person-' || g || '@example.test', 'Person ' || g,
            ARRAY['role-' || (g % $2)], ARRAY[($3::text[])[1 + g % 25]], 'admin', now()
       FROM generate_series(0, $1 - 1) AS g`,
    [people, roles, DEPARTMENTS],
  );
  await db.query(
    `INSERT INTO delegations (delegator, delegate, starts_at, ends_at, reason)
     SELECT 'person-' || g, 'person-' || ((g + 1) % $1), now() - interval '1 day', now() + interval '6 days', 'leave'
       FROM generate_series(0, $1 - 1, 100) AS g`,
    [people],
  );
  const reminders: unknown[] = await db.query(
    `INSERT INTO notifications (key, initiative_id, kind, recipient_role, subject, created_at)
     SELECT 'bench-reminder-' || i.id, i.id, 'approval-reminder', i.waiting_on->0->'who'->>'role',
            'Reminder: plan 1 waits on your approval', now()
       FROM initiatives i WHERE jsonb_array_length(i.waiting_on) > 0
     RETURNING 1`,
  );
  // As autovacuum leaves the tables after a day's writes: analysed, the GIN pending lists merged.
  await db.query('VACUUM (ANALYZE)');
  return reminders.length;
}

/**
 * The email side at scale: the fan-out of the outbox to the people each reminder reaches (batches
 * as the dispatcher takes them), and the daily digest's run over the whole directory.
 */
export async function mailBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const initiatives = smoke ? 200 : 10_000;
  const people = smoke ? 400 : 20_000;
  return withDatabase(services, async (db) => {
    const notifications = await seedDirectory(db, initiatives, people);

    const batches: number[] = [];
    const started = performance.now();
    for (;;) {
      const { ms, value } = await timed(() => fanOutEmails(db, { batchSize: BATCH, afterWebhooks: false }));
      if (value === 0) break;
      batches.push(ms);
    }
    const fanOutMs = performance.now() - started;
    const [{ deliveries }] = await db.query(
      `SELECT count(*)::int AS deliveries FROM notification_deliveries WHERE channel = 'email'`,
    );
    const batch = percentiles(batches);
    process.stdout.write(
      `  fan-out: ${notifications} notifications, ${deliveries} deliveries in ${fmt(fanOutMs / 1000, 1)} s\n`,
    );

    const env = new MockActivityEnvironment();
    const { sendDailyDigests } = createDigestActivities({ dataSource: db });
    const digest = await timed((): Promise<DailyDigestResult> =>
      env.run(sendDailyDigests, { at: new Date().toISOString(), timeZone: 'UTC' }),
    );
    process.stdout.write(
      `  digest: ${digest.value.enqueued} enqueued, ${digest.value.empty} empty in ${fmt(digest.ms / 1000, 1)} s\n`,
    );
    const size = `${fmt(initiatives, 0)} initiatives (${fmt(notifications, 0)} open, each waiting on a role), a directory of ${fmt(people, 0)} people (4 holders per role, 1 in 100 away with a delegate)`;
    return [
      {
        benchmark: 'email fan-out, 10,000 initiatives',
        figure: `${fmt(notifications / (fanOutMs / 1000), 0)} notifications/s (${fmt(notifications, 0)} reminders to ${fmt(deliveries, 0)} email deliveries in ${fmt(fanOutMs / 1000, 1)} s); per batch of ${BATCH}: p50 ${fmt(batch.p50, 1)} ms, p99 ${fmt(batch.p99, 1)} ms; ${size}`,
        target: '–',
        met: null,
        command,
      },
      {
        benchmark: 'daily digest, 20,000 people',
        figure: `${fmt(digest.ms / 1000, 1)} s for the whole directory (${fmt((digest.ms * 1000) / people, 0)} µs per person; ${fmt(digest.value.enqueued, 0)} digests enqueued, ${fmt(digest.value.empty, 0)} people with nothing waiting); ${size}`,
        target: '–',
        met: null,
        command,
      },
    ];
  });
}
