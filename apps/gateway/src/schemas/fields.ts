import { z } from 'zod';

/**
 * The field schemas every feature's requests share. Text that must say something: trimmed, at
 * least one non-blank character (a pattern, so that /openapi.json says it too), at most `max`.
 */
export const nonBlank = (max: number, message = 'must not be blank') =>
  z.string().trim().regex(/\S/, message).max(max);

/** A role, department, service or person. */
export const name = (what: string) => nonBlank(100).describe(what);

export const durationMs = (what: string) =>
  z
    .number()
    .int()
    .positive()
    .max(10 * 366 * 86_400_000)
    .describe(`${what}, in milliseconds`);

/** ISO-8601 allows UTC offsets up to ±23:59; PostgreSQL's timestamptz stores up to ±15:59. */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .regex(/(?:Z|[+-](?:0\d|1[0-5]):[0-5]\d)$/, 'the UTC offset must lie between -15:59 and +15:59')
  .describe('ISO-8601 instant, e.g. 2026-11-24T09:00:00Z');

/** A whole number from a query string. */
export const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const IdParamSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be an initiative id (lowercase letters, digits, dashes)');
