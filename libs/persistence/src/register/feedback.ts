import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { FEEDBACK_SCALE, type KpiDefinition, RegisterErrorCode } from '@cio/contracts';
import { initiativeNotFound, RegisterError } from './register-error';

export interface FeedbackInput {
  /** E.g. a satisfaction score; at least one of score and comment. */
  score?: number;
  comment?: string;
  clientKey?: string;
}

const feedbackSchema = z
  .strictObject({
    score: z.number().min(-1e9).max(1e9).optional(),
    comment: z.string().trim().min(1).max(4_000).optional(),
    clientKey: z.string().min(1).max(200).optional(),
  })
  .refine((f) => f.score !== undefined || f.comment !== undefined, {
    message: 'give a score, a comment or both',
    path: ['score'],
  });

/** Stores feedback once per client key; returns whether it was new. */
export async function recordFeedback(
  db: DataSource,
  initiativeId: string,
  submittedBy: string,
  input: unknown,
): Promise<{ stored: boolean }> {
  const parsed = feedbackSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'body',
      message: issue.message,
    }));
    throw new RegisterError(
      RegisterErrorCode.INVALID_FEEDBACK,
      `${problems[0]?.field}: ${problems[0]?.message}`,
      problems,
    );
  }
  const f = parsed.data;
  if (f.score !== undefined) await refuseOffScale(db, initiativeId, f.score);
  // A score is also a sample of every KPI the initiative feeds from feedback (e.g. satisfaction).
  const rows: unknown[] = await db.query(
    `WITH stored AS (
       INSERT INTO feedback (initiative_id, score, comment, submitted_by, submitted_at, client_key)
       SELECT id, $2, $3, $4, now(), $5 FROM initiatives WHERE id = $1
       ON CONFLICT ON CONSTRAINT uq_feedback_client_key DO NOTHING
       RETURNING id, initiative_id, score, submitted_at),
     sampled AS (
       INSERT INTO measurements (initiative_id, kpi, value, observed_at, source, client_key)
       SELECT s.initiative_id, k->>'name', s.score, s.submitted_at, 'feedback', 'feedback:' || s.id || ':' || (k->>'name')
         FROM stored s JOIN initiatives i ON i.id = s.initiative_id,
              jsonb_array_elements(i.definition->'kpis') k
        WHERE s.score IS NOT NULL AND k->'source'->>'kind' = 'feedback'
       ON CONFLICT ON CONSTRAINT uq_measurements_client_key DO NOTHING)
     SELECT id FROM stored`,
    [initiativeId, f.score ?? null, f.comment ?? null, submittedBy, f.clientKey ?? null],
  );
  if (rows.length === 0) {
    const exists = await db.query(`SELECT 1 FROM initiatives WHERE id = $1`, [initiativeId]);
    if (exists.length === 0) throw initiativeNotFound(initiativeId);
  }
  return { stored: rows.length > 0 };
}

/** A score that feeds a KPI lies on that KPI's scale: outside it, it is refused naming `score`. */
async function refuseOffScale(db: DataSource, initiativeId: string, score: number): Promise<void> {
  const rows: { kpis: KpiDefinition[] }[] = await db.query(
    `SELECT definition->'kpis' AS kpis FROM initiatives WHERE id = $1`,
    [initiativeId],
  );
  const kpis = rows[0]?.kpis;
  if (!kpis) throw initiativeNotFound(initiativeId);
  for (const kpi of kpis) {
    if (kpi.source?.kind !== 'feedback') continue;
    const { min, max } = kpi.source.scale ?? FEEDBACK_SCALE;
    if (score < min || score > max) {
      const message = `must lie between ${min} and ${max} (the scale of KPI '${kpi.name}')`;
      throw new RegisterError(RegisterErrorCode.INVALID_FEEDBACK, `score: ${message}`, [
        { field: 'score', message },
      ]);
    }
  }
}
