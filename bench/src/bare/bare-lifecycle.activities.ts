import type { DataSource } from 'typeorm';

/** The one table the bare workflow writes: a row per step, keyed like the real audit trail. */
export const BARE_STEPS_TABLE = `
  CREATE TABLE IF NOT EXISTS bench_bare_steps (
    workflow_id text NOT NULL,
    sequence    int NOT NULL,
    step        text NOT NULL,
    details     jsonb NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow_id, sequence)
  )`;

export interface RecordStepInput {
  workflowId: string;
  sequence: number;
  step: string;
  details: Record<string, unknown>;
}

/**
 * The bare workflow's only activity: one idempotent INSERT, standing in for each of the real
 * workflow's register writes, KPI reads and notifications.
 */
export function createBareActivities(deps: { dataSource: DataSource }) {
  return {
    async recordStep(input: RecordStepInput): Promise<void> {
      await deps.dataSource.query(
        `INSERT INTO bench_bare_steps (workflow_id, sequence, step, details)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [input.workflowId, input.sequence, input.step, JSON.stringify(input.details)],
      );
    },
  };
}

export type BareActivities = ReturnType<typeof createBareActivities>;
