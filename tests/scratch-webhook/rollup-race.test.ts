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
  await a.connect(); await b.connect();
  await a.query(`INSERT INTO initiatives (id, workflow_id, title, service, owner, phase, cycle, definition) SELECT 'x','wf','t','s','o','Assessing',1,'{}'::jsonb`).catch(e => console.log(String(e)));
  const cols = await a.query(`SELECT column_name, is_nullable, column_default FROM information_schema.columns WHERE table_name='initiatives'`);
  console.log(cols.rows);
});
