import { Client } from 'pg';
import { createTestDatabase } from '@cio/testing';

const rollup = `UPDATE notifications n
            SET attempts = s.attempts,
                status = CASE WHEN s.pending > 0 THEN 'pending' WHEN s.failed > 0 THEN 'failed' ELSE 'delivered' END
           FROM (SELECT sum(attempts)::int AS attempts,
                        count(*) FILTER (WHERE status = 'pending') AS pending,
                        count(*) FILTER (WHERE status = 'failed') AS failed
                   FROM notification_deliveries WHERE notification_id = $1) s
          WHERE n.id = $1`;
it('race', async () => {
  const db = await createTestDatabase({ migrated: true });
  const a = new Client({ connectionString: db.url });
  const b = new Client({ connectionString: db.url });
  await a.connect();
  await b.connect();
  await a.query(`SET session_replication_role = replica`);
  await a.query(
    `INSERT INTO notifications (id, key, initiative_id, kind, subject) VALUES (1, 'k', 'x', 'k', 's')`,
  );
  await a.query(
    `INSERT INTO notification_deliveries (id, notification_id, url) VALUES (1, 1, 'u1'), (2, 1, 'u2')`,
  );
  await a.query('BEGIN');
  await a.query(`SELECT 1 FROM notifications WHERE id = 1 FOR UPDATE`);
  await a.query(`UPDATE notification_deliveries SET status='delivered', attempts=1 WHERE id=1`);
  await a.query(rollup, [1]);
  await b.query('BEGIN');
  const blocked = b
    .query(`SELECT 1 FROM notifications WHERE id = 1 FOR UPDATE`)
    .then(() => b.query(`UPDATE notification_deliveries SET status='delivered', attempts=1 WHERE id=2`))
    .then(() => b.query(rollup, [1]));
  await new Promise((r) => setTimeout(r, 200));
  await a.query('COMMIT');
  await blocked;
  await b.query('COMMIT');
  console.log(
    (await a.query(`SELECT status FROM notification_deliveries`)).rows,
    (await a.query(`SELECT status FROM notifications`)).rows,
  );
  await a.end();
  await b.end();
  await db.drop();
});
