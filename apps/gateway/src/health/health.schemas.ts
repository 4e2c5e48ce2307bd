import { z } from 'zod';

/** The answers of the health probes, as /openapi.json documents them. */
const CheckSchema = z.union([
  z.object({ status: z.literal('up') }),
  z.object({ status: z.literal('down'), error: z.string() }),
]);

export const LivenessSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export const ReadinessSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ postgres: CheckSchema, temporal: CheckSchema }),
  })
  .meta({ id: 'Readiness' });
