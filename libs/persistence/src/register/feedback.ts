import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { RegisterErrorCode } from '@cio/contracts';
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
  const rows: unknown[] = await db.query(
    `INSERT INTO feedback (initiative_id, score, comment, submitted_by, submitted_at, client_key)
     SELECT id, $2, $3, $4, now(), $5 FROM initiatives WHERE id = $1
     ON CONFLICT ON CONSTRAINT uq_feedback_client_key DO NOTHING
     RETURNING id`,
    [initiativeId, f.score ?? null, f.comment ?? null, submittedBy, f.clientKey ?? null],
  );
  if (rows.length === 0) {
    const exists = await db.query(`SELECT 1 FROM initiatives WHERE id = $1`, [initiativeId]);
    if (exists.length === 0) throw initiativeNotFound(initiativeId);
  }
  return { stored: rows.length > 0 };
}
