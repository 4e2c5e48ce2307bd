import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities } from '@cio/activities';
import {
  createDataSource,
  ingestMeasurements,
  insertMeasurements,
  type MeasurementSample,
  RegisterError,
  validateSamples,
} from '@cio/persistence';
import { createTestDatabase, retailerInitiative, type TestDatabase } from '@cio/testing';

// Several requests' samples in one statement, as the gateway coalesces concurrent pushes, on a
// real PostgreSQL: each batch's counts, the first of two equal client keys counting, and a row
// PostgreSQL refuses failing the whole statement (so the gateway may store each batch alone).
const bounds = { maxAgeMs: 86_400_000, maxFutureMs: 300_000 };

describe('measurement batches in one statement', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const at = new Date(Date.now() - 60_000).toISOString();
  const sample = (value: number, clientKey?: string): MeasurementSample => ({
    kpi: 'response_minutes',
    value,
    observedAt: at,
    ...(clientKey ? { clientKey } : {}),
  });
  const rows = async (initiativeId: string) =>
    (await dataSource.query(
      `SELECT client_key AS "clientKey", value FROM measurements WHERE initiative_id = $1 ORDER BY id`,
      [initiativeId],
    )) as { clientKey: string | null; value: number }[];

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource({ ...db.options, poolSize: 2 });
    await dataSource.initialize();
    const activities = createActivities({ dataSource, logger: pino({ level: 'silent' }) });
    for (const id of ['mb-a', 'mb-b', 'mb-c']) {
      await activities.registerInitiative({
        workflowId: `initiative-${id}`,
        definition: retailerInitiative(id),
        phase: 'Assessing',
        cycle: 1,
      });
    }
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it("answers each batch's counts; of two equal client keys the first batch's sample counts", async () => {
    const results = await insertMeasurements(dataSource, [
      { initiativeId: 'mb-a', samples: [sample(1, 'k1'), sample(2, 'k2'), sample(3, 'k1')] },
      { initiativeId: 'mb-a', samples: [sample(4, 'k2'), sample(5, 'k3')] },
      { initiativeId: 'mb-a', samples: [sample(6), sample(7)] },
      // The same key on another initiative is another sample.
      { initiativeId: 'mb-b', samples: [sample(8, 'k1')] },
    ]);
    expect(results).toEqual([
      { received: 3, accepted: 2, duplicates: 1 },
      { received: 2, accepted: 1, duplicates: 1 },
      { received: 2, accepted: 2, duplicates: 0 },
      { received: 1, accepted: 1, duplicates: 0 },
    ]);
    expect(await rows('mb-a')).toEqual([
      { clientKey: 'k1', value: 1 },
      { clientKey: 'k2', value: 2 },
      { clientKey: 'k3', value: 5 },
      { clientKey: null, value: 6 },
      { clientKey: null, value: 7 },
    ]);
    expect(await rows('mb-b')).toEqual([{ clientKey: 'k1', value: 8 }]);
    // Sent again, in a statement of their own or shared, they count as duplicates.
    expect(
      await insertMeasurements(dataSource, [{ initiativeId: 'mb-a', samples: [sample(9, 'k3')] }]),
    ).toEqual([{ received: 1, accepted: 0, duplicates: 1 }]);
    expect(
      await insertMeasurements(dataSource, [
        { initiativeId: 'mb-a', samples: [sample(9, 'k2'), sample(10, 'k4')] },
        { initiativeId: 'mb-b', samples: [sample(11, 'k1')] },
      ]),
    ).toEqual([
      { received: 2, accepted: 1, duplicates: 1 },
      { received: 1, accepted: 0, duplicates: 1 },
    ]);
  });

  it('stores nothing of a shared statement when PostgreSQL refuses one row, with a data-exception SQLSTATE', async () => {
    // An offset beyond ±15:59 is valid ISO-8601 but not a timestamptz: validation refuses it now,
    // the statement stands for any row the server would refuse.
    const error: unknown = await insertMeasurements(dataSource, [
      { initiativeId: 'mb-c', samples: [sample(1, 'good')] },
      { initiativeId: 'mb-c', samples: [{ ...sample(2, 'bad'), observedAt: '2026-01-01T00:00:00+16:00' }] },
    ]).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toMatch(/^22/);
    expect(await rows('mb-c')).toEqual([]);
  });

  it('refuses, at validation, an offset PostgreSQL cannot store, and takes every other one', () => {
    const refused = (() => {
      try {
        validateSamples(
          [sample(1), { ...sample(2), observedAt: '2026-01-01T00:00:00+16:00' }],
          ['response_minutes'],
          bounds,
        );
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(RegisterError);
    expect((refused as RegisterError).problems).toEqual([
      expect.objectContaining({ field: 'samples[1].observedAt', message: expect.stringMatching(/offset/) }),
    ]);
    const now = new Date('2026-01-01T12:00:00Z');
    for (const observedAt of [
      '2026-01-01T10:00:00Z',
      '2026-01-01T20:00:00+15:59',
      '2026-01-01T00:00:00-05:30',
    ]) {
      expect(
        validateSamples([{ ...sample(1), observedAt }], ['response_minutes'], { ...bounds, now }),
      ).toHaveLength(1);
    }
  });

  it('validates against the KPI names it is given, without reading them', async () => {
    const error = await ingestMeasurements(dataSource, 'mb-c', [sample(1)], {
      ...bounds,
      knownKpis: ['queue_length'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegisterError);
    expect((error as RegisterError).problems[0]).toEqual(
      expect.objectContaining({
        field: 'samples[0].kpi',
        message: expect.stringMatching(/known: queue_length/),
      }),
    );
    expect(
      await ingestMeasurements(dataSource, 'mb-c', [sample(1, 'kk')], {
        ...bounds,
        knownKpis: ['response_minutes'],
      }),
    ).toEqual({ received: 1, accepted: 1, duplicates: 0 });
  });
});
