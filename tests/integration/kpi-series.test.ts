import type { DataSource } from 'typeorm';
import { createDataSource, kpiSeries, registerInitiative } from '@cio/persistence';
import { createTestDatabase, retailerInitiative, type TestDatabase } from '@cio/testing';

// A KPI's chart data on a real PostgreSQL: the KPI's own aggregate per bucket, exact.
describe('KPI series', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const id = 'series-retail';
  const from = '2026-05-01T00:00:00.000Z';
  const at = (minutes: number) => new Date(Date.parse(from) + minutes * 60_000).toISOString();

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
    await registerInitiative(dataSource, {
      workflowId: `initiative-${id}`,
      definition: retailerInitiative(id),
      phase: 'Assessing',
      cycle: 1,
    });
    // Buckets of 10 minutes: [0,10) holds 1, 2, 9; [10,20) nothing; [20,30) holds 4 and 6; 30 is outside.
    const samples: [number, number][] = [
      [0, 2],
      [3, 9],
      [9.99, 1],
      [21, 6],
      [29, 4],
      [30, 100],
    ];
    await dataSource.query(
      `INSERT INTO measurements (initiative_id, kpi, value, observed_at, source)
       SELECT $1, 'response_minutes', v, t, 'test' FROM unnest($2::float8[], $3::timestamptz[]) AS s(v, t)`,
      [id, samples.map(([, v]) => v), samples.map(([m]) => at(m))],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const series = (aggregate: 'median' | 'mean' | 'p90' | 'last') =>
    kpiSeries(dataSource, {
      initiativeId: id,
      kpi: 'response_minutes',
      aggregate,
      from,
      to: at(30),
      points: 3,
    });

  it('aggregates each bucket as the KPI does, leaves empty buckets out, and ends before `to`', async () => {
    const median = await series('median');
    expect(median.bucketMs).toBe(600_000);
    expect(median.points).toEqual([
      { at: '2026-05-01T00:00:00.000000Z', value: 2, samples: 3 },
      { at: '2026-05-01T00:20:00.000000Z', value: 5, samples: 2 },
    ]);
    expect((await series('mean')).points.map((p) => p.value)).toEqual([4, 5]);
    expect((await series('p90')).points.map((p) => Number(p.value.toFixed(6)))).toEqual([7.6, 5.8]);
    expect((await series('last')).points.map((p) => p.value)).toEqual([1, 4]);
  });

  it('never makes more buckets than asked for', async () => {
    const many = await kpiSeries(dataSource, {
      initiativeId: id,
      kpi: 'response_minutes',
      aggregate: 'mean',
      from,
      to: at(31),
      points: 7,
    });
    expect(many.points.length).toBeLessThanOrEqual(7);
    expect(many.points.reduce((n, p) => n + p.samples, 0)).toBe(6);
  });
});
