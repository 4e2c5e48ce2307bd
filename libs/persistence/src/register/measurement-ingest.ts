import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { type FieldProblem, RegisterErrorCode } from '@cio/contracts';
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

export interface IngestOptions {
  /** Oldest and newest accepted observation, relative to `now`. */
  maxAgeMs: number;
  maxFutureMs: number;
  now?: Date;
}

export interface IngestResult {
  received: number;
  accepted: number;
  /** Samples whose client key the register already held (or that repeat one in the batch). */
  duplicates: number;
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
  const batch = batchSchema.safeParse(samples);
  if (!batch.success) {
    throw new RegisterError(
      RegisterErrorCode.INVALID_MEASUREMENTS,
      `samples must be an array of 1 to ${MAX_BATCH_SAMPLES} samples`,
      [{ field: 'samples', message: batch.error.issues[0]?.message ?? 'invalid' }],
    );
  }
  const rows: { kpis: string[] }[] = await db.query(
    `SELECT ARRAY(SELECT jsonb_array_elements(definition->'kpis')->>'name') AS kpis FROM initiatives WHERE id = $1`,
    [initiativeId],
  );
  const known = rows[0]?.kpis;
  if (!known) {
    throw new RegisterError(
      RegisterErrorCode.INITIATIVE_NOT_FOUND,
      `initiative '${initiativeId}' is not in the register`,
    );
  }
  const now = (options.now ?? new Date()).getTime();
  const earliest = now - options.maxAgeMs;
  const latest = now + options.maxFutureMs;
  const problems: FieldProblem[] = [];
  const valid: MeasurementSample[] = [];
  batch.data.forEach((raw, index) => {
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
    if (!known.includes(sample.kpi)) {
      problems.push({
        field: `samples[${index}].kpi`,
        message: `unknown KPI '${sample.kpi}' (known: ${known.join(', ')})`,
      });
    }
    const at = Date.parse(sample.observedAt);
    if (at < earliest || at > latest) {
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
  const runner = db.createQueryRunner();
  try {
    const result = await runner.query(
      `INSERT INTO measurements (initiative_id, kpi, value, observed_at, source, client_key)
       SELECT $1, s.kpi, s.value, s.observed_at, COALESCE(s.source, 'api'), s.client_key
         FROM unnest($2::text[], $3::float8[], $4::timestamptz[], $5::text[], $6::text[])
              AS s(kpi, value, observed_at, source, client_key)
       ON CONFLICT ON CONSTRAINT uq_measurements_client_key DO NOTHING`,
      [
        initiativeId,
        valid.map((s) => s.kpi),
        valid.map((s) => s.value),
        valid.map((s) => s.observedAt),
        valid.map((s) => s.source ?? null),
        valid.map((s) => s.clientKey ?? null),
      ],
      true,
    );
    const accepted = result.affected ?? 0;
    return { received: valid.length, accepted, duplicates: valid.length - accepted };
  } finally {
    await runner.release();
  }
}
