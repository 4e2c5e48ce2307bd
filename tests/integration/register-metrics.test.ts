import type { MetricGauge, MetricMeter, MetricTags } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities } from '@cio/activities';
import { createDataSource, recordTokenClaims } from '@cio/persistence';
import { createTestDatabase, retailerInitiative, type TestDatabase } from '@cio/testing';
import { RegisterMetrics } from '@cio/worker';

/** A meter that keeps the last value of every gauge by its tags, as Prometheus would show it. */
function recordingMeter() {
  const values = new Map<string, number>();
  const gauge = (name: string, tags: MetricTags = {}): MetricGauge => ({
    name,
    kind: 'gauge',
    valueType: 'int',
    set: (value: number, extra: MetricTags = {}) => {
      const labels = Object.entries({ ...tags, ...extra })
        .map(([k, v]) => `${k}="${String(v)}"`)
        .sort()
        .join(',');
      values.set(`${name}{${labels}}`, value);
    },
    withTags: (more: MetricTags) => gauge(name, { ...tags, ...more }),
  });
  const meter = { createGauge: (name: string) => gauge(name) } as unknown as MetricMeter;
  return { meter, values };
}

// The worker's own series, read from the register: what a dashboard and an alert would show.
describe('register metrics', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    const activities = createActivities({ dataSource, logger: pino({ level: 'silent' }) });
    const env = new MockActivityEnvironment();
    for (const [id, phase] of [
      ['m-1', 'AwaitingApproval'],
      ['m-2', 'AwaitingApproval'],
      ['m-3', 'Sustaining'],
    ] as const) {
      await env.run(activities.registerInitiative, {
        workflowId: `initiative-${id}`,
        definition: retailerInitiative(id),
        phase,
        cycle: 1,
      });
    }
    await dataSource.query(`UPDATE initiatives SET next_due_at = now() - interval '1 hour' WHERE id = 'm-1'`);
    for (const [key, kind] of [
      ['a', 'approval-reminder'],
      ['b', 'approval-reminder'],
      ['c', 'approval-escalation'],
    ] as const) {
      await env.run(activities.notify, {
        key,
        initiativeId: 'm-1',
        kind,
        to: { role: 'cio' },
        subject: 's',
        payload: {},
      });
    }
    await dataSource.query(
      `INSERT INTO notification_deliveries (notification_id, url, status)
       SELECT id, 'https://hooks.example/cio', 'failed' FROM notifications WHERE key IN ('a', 'b')`,
    );
    // An email not sent on purpose: its person has no address.
    await recordTokenClaims(dataSource, { id: 'nomail', roles: ['cio'], departments: [] });
    await dataSource.query(
      `INSERT INTO notification_deliveries (notification_id, channel, person_id, status, last_error)
       SELECT id, 'email', 'nomail', 'failed', 'no email address in the directory' FROM notifications WHERE key = 'c'`,
    );
    await dataSource.query(
      `INSERT INTO evaluations (initiative_id, cycle, kind, kpi, aggregate, baseline, target, observed, samples, verdict,
                                window_from, window_to, recorded_at)
       VALUES ('m-3', 1, 'evaluation', 'response_minutes', 'median', 12, 5, 4.2, 32, 'met', now(), now(), now()),
              ('m-3', 1, 'follow-up', 'response_minutes', 'median', 12, 5, 7, 30, 'not-met', now(), now(), now())`,
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('reports initiatives by phase (zeros included), overdue waits, notifications, deliveries and evaluation outcomes', async () => {
    const { meter, values } = recordingMeter();
    await new RegisterMetrics(meter, dataSource, pino({ level: 'silent' })).collect();
    expect(values.get('cio_initiatives{phase="AwaitingApproval"}')).toBe(2);
    expect(values.get('cio_initiatives{phase="Sustaining"}')).toBe(1);
    expect(values.get('cio_initiatives{phase="Closed"}')).toBe(0);
    expect(values.get('cio_waits_overdue{}')).toBe(1);
    expect(values.get('cio_notifications{kind="approval-reminder",status="pending"}')).toBe(2);
    expect(values.get('cio_notifications{kind="approval-escalation",status="pending"}')).toBe(1);
    // Deliveries by channel and status, every pair reported (zeros included) for the alert on failures.
    expect(values.get('cio_deliveries{channel="webhook",status="failed"}')).toBe(2);
    expect(values.get('cio_deliveries{channel="webhook",status="delivered"}')).toBe(0);
    expect(values.get('cio_deliveries{channel="email",status="failed"}')).toBe(0);
    expect(values.get('cio_deliveries{channel="email",status="dropped"}')).toBe(1);
    expect([...values.keys()].filter((series) => series.startsWith('cio_deliveries'))).toHaveLength(8);
    expect(values.get('cio_evaluations{kind="evaluation",verdict="met"}')).toBe(1);
    expect(values.get('cio_evaluations{kind="follow-up",verdict="not-met"}')).toBe(1);
  });

  it('reports 0 for a series whose rows are gone, instead of its last value', async () => {
    const { meter, values } = recordingMeter();
    const metrics = new RegisterMetrics(meter, dataSource, pino({ level: 'silent' }));
    await metrics.collect();
    expect(values.get('cio_notifications{kind="approval-escalation",status="pending"}')).toBe(1);
    await dataSource.query(`UPDATE notifications SET status = 'delivered' WHERE key = 'c'`);
    await metrics.collect();
    expect(values.get('cio_notifications{kind="approval-escalation",status="pending"}')).toBe(0);
    expect(values.get('cio_notifications{kind="approval-escalation",status="delivered"}')).toBe(1);
    await dataSource.query(`UPDATE notifications SET status = 'pending' WHERE key = 'c'`);
  });

  it('counts open collection windows and failing pulls by data source, every configured source from the start', async () => {
    const source = JSON.stringify({
      kind: 'threshold',
      dataSource: 'prometheus',
      query: 'chat_wait_minutes',
    });
    await dataSource.query(
      `INSERT INTO collection_windows (initiative_id, kpi, source, window_from, window_to, collected_until, open,
                                       last_error, failing_since)
       VALUES ('m-1', 'response_minutes', $1, now() - interval '1 hour', now() + interval '1 hour', now(), true,
               'connect ECONNREFUSED', now()),
              ('m-2', 'response_minutes', $1, now() - interval '1 hour', now() + interval '1 hour', now(), true,
               NULL, NULL),
              ('m-3', 'response_minutes', $1, now() - interval '3 hours', now() - interval '2 hours', now(), false,
               'connect ECONNREFUSED', now())`,
      [source],
    );
    const { meter, values } = recordingMeter();
    await new RegisterMetrics(meter, dataSource, pino({ level: 'silent' }), [
      'prometheus',
      'support-api',
    ]).collect();
    expect(values.get('cio_collection_windows{data_source="prometheus"}')).toBe(2);
    expect(values.get('cio_collection_windows_failing{data_source="prometheus"}')).toBe(1);
    // A configured source with nothing to collect reports zeros, so its alert has a series.
    expect(values.get('cio_collection_windows{data_source="support-api"}')).toBe(0);
    expect(values.get('cio_collection_windows_failing{data_source="support-api"}')).toBe(0);
  });

  it('counts the waits that reach nobody in the directory, by what they name', async () => {
    const wait = (who: Record<string, string>) => ({
      kind: 'approval',
      who,
      since: new Date().toISOString(),
      dueAt: null,
      remindersSent: 0,
      escalatedTo: null,
    });
    await dataSource.query(`UPDATE initiatives SET waiting_on = $2::jsonb WHERE id = $1`, [
      'm-2',
      JSON.stringify([wait({ role: 'cab' }), wait({ role: 'cs-lead' }), wait({ person: 'ghost' })]),
    ]);
    await recordTokenClaims(dataSource, { id: 'li', roles: ['cs-lead'], departments: ['cs'] });
    const { meter, values } = recordingMeter();
    const metrics = new RegisterMetrics(meter, dataSource, pino({ level: 'silent' }));
    await metrics.collect();
    expect(values.get('cio_waits_unreached{kind="role"}')).toBe(1);
    expect(values.get('cio_waits_unreached{kind="person"}')).toBe(1);
    expect(values.get('cio_waits_unreached{kind="department"}')).toBe(0);

    // Once somebody holds the role, its wait reaches them.
    await recordTokenClaims(dataSource, { id: 'wu', roles: ['cab'], departments: [] });
    await metrics.collect();
    expect(values.get('cio_waits_unreached{kind="role"}')).toBe(0);
  });
});
