import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { type FieldProblem, RegisterErrorCode } from '@cio/contracts';
import { RESERVED_KEY_PREFIXES } from './collection-windows';
import { RegisterError } from './register-error';

export const MAX_BATCH_SAMPLES = 10_000;

export interface MeasurementSample {
  kpi: string;
  value: number;
  /** ISO-8601 with an offset, e.g. 2026-11-24T09:00:00Z. */
  observedAt: string;
  /** The client's id for the sample: a re-sent batch is counted once. */
  clientKey?: string;
  source?: string;
}

export interface SampleBounds {
  /** Oldest and newest accepted observation, relative to `now`. */
  maxAgeMs: number;
  maxFutureMs: number;
  now?: Date;
}

export interface IngestOptions extends SampleBounds {
  /**
   * The initiative's KPI names, when the caller already holds its definition (the gateway's
   * access cache): the ingest then skips reading them, and trusts that the initiative exists.
   */
  knownKpis?: readonly string[];
}

export interface IngestResult {
  received: number;
  accepted: number;
  /** Samples whose client key the register already held (or that repeat one in the batch). */
  duplicates: number;
}

/** One initiative's validated samples, stored all or nothing. */
export interface SampleBatch {
  initiativeId: string;
  samples: readonly MeasurementSample[];
}

const sampleSchema = z.strictObject({
  kpi: z.string().trim().min(1).max(100),
  // z.number() refuses NaN and ±Infinity.
  value: z.number(),
  observedAt: z.iso.datetime({ offset: true }),
  clientKey: z.string().min(1).max(200).optional(),
  source: z.string().min(1).max(100).optional(),
});

const batchSchema = z.array(z.unknown()).min(1).max(MAX_BATCH_SAMPLES);

/** PostgreSQL's timestamptz takes UTC offsets up to ±15:59; ISO-8601 and zod allow ±23:59. */
const STORABLE_OFFSET = /(?:Z|[+-](?:0\d|1[0-5]):[0-5]\d)$/;

function parseBatch(samples: unknown): unknown[] {
  const batch = batchSchema.safeParse(samples);
  if (!batch.success) {
    throw new RegisterError(
      RegisterErrorCode.INVALID_MEASUREMENTS,
      `samples must be an array of 1 to ${MAX_BATCH_SAMPLES} samples`,
      [{ field: 'samples', message: batch.error.issues[0]?.message ?? 'invalid' }],
    );
  }
  return batch.data;
}

function checkSamples(
  batch: unknown[],
  known: readonly string[],
  bounds: SampleBounds,
  sourced: readonly string[] = [],
): MeasurementSample[] {
  const now = (bounds.now ?? new Date()).getTime();
  const earliest = now - bounds.maxAgeMs;
  const latest = now + bounds.maxFutureMs;
  const problems: FieldProblem[] = [];
  const valid: MeasurementSample[] = [];
  batch.forEach((raw, index) => {
    const parsed = sampleSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          field: `samples[${index}]${issue.path.map((p) => `.${String(p)}`).join('')}`,
          message: issue.message,
        });
      }
      return;
    }
    const sample = parsed.data;
    if (sourced.includes(sample.kpi)) {
      problems.push({
        field: `samples[${index}].kpi`,
        message: `'${sample.kpi}' comes from its source (a data source or the feedback); it is not pushed`,
      });
    } else if (!known.includes(sample.kpi)) {
      problems.push({
        field: `samples[${index}].kpi`,
        message: `unknown KPI '${sample.kpi}' (known: ${known.join(', ')})`,
      });
    }
    const reserved = RESERVED_KEY_PREFIXES.find((prefix) => sample.clientKey?.startsWith(prefix));
    if (reserved) {
      problems.push({
        field: `samples[${index}].clientKey`,
        message: `keys starting with '${reserved}' are the register's own`,
      });
    }
    const at = Date.parse(sample.observedAt);
    if (!STORABLE_OFFSET.test(sample.observedAt)) {
      problems.push({
        field: `samples[${index}].observedAt`,
        message: 'the UTC offset must lie between -15:59 and +15:59',
      });
    } else if (!(at >= earliest && at <= latest)) {
      problems.push({
        field: `samples[${index}].observedAt`,
        message: `must lie between ${new Date(earliest).toISOString()} and ${new Date(latest).toISOString()}`,
      });
    }
    valid.push(sample);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 100);
    throw new RegisterError(
      RegisterErrorCode.INVALID_MEASUREMENTS,
      `${problems.length} problem(s) in the batch, first: ${shown[0]?.field}: ${shown[0]?.message}`,
      shown,
    );
  }
  return valid;
}

/**
 * Validates a batch of KPI samples against the initiative's KPI names and the accepted time range.
 * Every problem is reported with its field path (`samples[3].value`); any problem refuses the
 * whole batch (INVALID_MEASUREMENTS).
 */
/** `knownKpis` may be pushed; `sourcedKpis` come from a data source or the feedback and may not. */
export function validateSamples(
  samples: unknown,
  knownKpis: readonly string[],
  bounds: SampleBounds,
  sourcedKpis: readonly string[] = [],
): MeasurementSample[] {
  return checkSamples(parseBatch(samples), knownKpis, bounds, sourcedKpis);
}

/** The initiative's KPIs that are pushed, and those that come from a source (not pushed). */
async function kpiNamesOf(
  db: DataSource,
  initiativeId: string,
): Promise<{ pushed: string[]; sourced: string[] }> {
  const rows: { pushed: string[]; sourced: string[] }[] = await db.query(
    `SELECT ARRAY(SELECT k->>'name' FROM jsonb_array_elements(definition->'kpis') k WHERE NOT k ? 'source') AS pushed,
            ARRAY(SELECT k->>'name' FROM jsonb_array_elements(definition->'kpis') k WHERE k ? 'source') AS sourced
       FROM initiatives WHERE id = $1`,
    [initiativeId],
  );
  const known = rows[0];
  if (!known) {
    throw new RegisterError(
      RegisterErrorCode.INITIATIVE_NOT_FOUND,
      `initiative '${initiativeId}' is not in the register`,
    );
  }
  return known;
}

/**
 * Validates a batch of KPI samples and stores it in one INSERT … SELECT unnest(…) statement.
 * Every problem is reported with its field path, and a batch with any bad sample stores nothing.
 */
export async function ingestMeasurements(
  db: DataSource,
  initiativeId: string,
  samples: unknown,
  options: IngestOptions,
): Promise<IngestResult> {
  const batch = parseBatch(samples);
  const known = options.knownKpis
    ? { pushed: options.knownKpis, sourced: [] }
    : await kpiNamesOf(db, initiativeId);
  return insertBatch(db, {
    initiativeId,
    samples: checkSamples(batch, known.pushed, options, known.sourced),
  });
}

const INSERT_SAMPLES = `
  INSERT INTO measurements (initiative_id, kpi, value, observed_at, source, client_key)
  SELECT s.initiative_id, s.kpi, s.value, s.observed_at, COALESCE(s.source, 'api'), s.client_key
    FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[], $5::text[], $6::text[])
         AS s(initiative_id, kpi, value, observed_at, source, client_key)
  ON CONFLICT ON CONSTRAINT uq_measurements_client_key DO NOTHING`;

/** One batch: how many rows were new. */
const INSERT_ONE_BATCH = `WITH inserted AS (${INSERT_SAMPLES} RETURNING 1)
  SELECT count(*)::int AS accepted FROM inserted`;

/** Several batches: the client keys that were new, to count each batch's share. */
const INSERT_BATCHES = `WITH inserted AS (${INSERT_SAMPLES} RETURNING initiative_id, client_key)
  SELECT initiative_id AS "initiativeId", client_key AS "clientKey" FROM inserted WHERE client_key IS NOT NULL`;

const keyOf = (initiativeId: string, clientKey: string) => `${initiativeId}\u0000${clientKey}`;

function sampleColumns(batches: readonly SampleBatch[]): unknown[][] {
  const rows = batches.flatMap((batch) => batch.samples.map((sample) => ({ batch, sample })));
  return [
    rows.map((r) => r.batch.initiativeId),
    rows.map((r) => r.sample.kpi),
    rows.map((r) => r.sample.value),
    rows.map((r) => r.sample.observedAt),
    rows.map((r) => r.sample.source ?? null),
    rows.map((r) => r.sample.clientKey ?? null),
  ];
}

async function insertBatch(db: DataSource, batch: SampleBatch): Promise<IngestResult> {
  const rows: { accepted: number }[] = await db.query(INSERT_ONE_BATCH, sampleColumns([batch]));
  const received = batch.samples.length;
  const accepted = rows[0]?.accepted ?? 0;
  return { received, accepted, duplicates: received - accepted };
}

/**
 * Stores validated batches, of one initiative or several, in one statement: all of them or none.
 * Rows go in in order, so of two samples with the same client key the first one counts, whether
 * they came in one batch or in two; the result says, per batch, how many of its samples were new.
 * A sample without a client key is always new.
 */
export async function insertMeasurements(
  db: DataSource,
  batches: readonly SampleBatch[],
): Promise<IngestResult[]> {
  if (batches.length === 1 && batches[0]) return [await insertBatch(db, batches[0])];
  const inserted: { initiativeId: string; clientKey: string }[] = await db.query(
    INSERT_BATCHES,
    sampleColumns(batches),
  );
  // A new key belongs to the first batch that carries it: that batch's row is the one stored.
  const firstWithKey = new Map<string, number>();
  const accepted = batches.map((batch, index) => {
    let unkeyed = 0;
    for (const sample of batch.samples) {
      if (sample.clientKey === undefined) unkeyed++;
      else {
        const key = keyOf(batch.initiativeId, sample.clientKey);
        if (!firstWithKey.has(key)) firstWithKey.set(key, index);
      }
    }
    return unkeyed;
  });
  for (const row of inserted) {
    const index = firstWithKey.get(keyOf(row.initiativeId, row.clientKey));
    if (index !== undefined) accepted[index] = (accepted[index] ?? 0) + 1;
  }
  return batches.map((batch, index) => {
    const received = batch.samples.length;
    const fresh = accepted[index] ?? 0;
    return { received, accepted: fresh, duplicates: received - fresh };
  });
}
