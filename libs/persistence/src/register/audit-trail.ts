import type { DataSource } from 'typeorm';
import { isoText } from './initiative-queries';

export interface AuditRecord {
  id: string;
  cycle: number;
  sequence: number | null;
  actor: string;
  role: string | null;
  action: string;
  outcome: 'accepted' | 'refused';
  details: Record<string, unknown>;
  requestId: string | null;
  occurredAt: string;
}

/** The audit trail in the order things happened, in pages after a given entry id. */
export async function auditTrail(
  db: DataSource,
  initiativeId: string,
  options: { afterId?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  return db.query(
    `SELECT id::text AS id, cycle, sequence, actor, role, action, outcome, details, request_id AS "requestId",
            ${isoText('occurred_at')} AS "occurredAt"
       FROM audit_entries
      WHERE initiative_id = $1 AND ($2::bigint IS NULL OR id > $2::bigint)
      ORDER BY occurred_at, cycle, sequence NULLS LAST, id
      LIMIT $3`,
    [initiativeId, options.afterId ?? null, options.limit ?? 500],
  );
}

export interface RefusedAction {
  initiativeId: string;
  actor: string;
  role: string | null;
  action: string;
  /** The refusal's code and message, and what was asked. */
  details: Record<string, unknown>;
  requestId: string | null;
}

/**
 * Records an action the gateway refused (wrong role, out of scope…). It is no workflow step, so it
 * has no sequence; the initiative's current cycle places it in the trail. Unknown initiatives are
 * not recorded (there is nothing to attach the entry to).
 */
export async function recordRefusal(db: DataSource, refusal: RefusedAction): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO audit_entries (initiative_id, workflow_id, cycle, sequence, actor, role, action, outcome, details,
                                request_id, occurred_at)
     SELECT id, workflow_id, cycle, NULL, $2, $3, $4, 'refused', $5, $6, now() FROM initiatives WHERE id = $1
     RETURNING id`,
    [
      refusal.initiativeId,
      refusal.actor,
      refusal.role,
      refusal.action,
      JSON.stringify(refusal.details),
      refusal.requestId,
    ],
  );
  return rows.length > 0;
}
