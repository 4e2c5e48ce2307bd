import type { DataSource } from 'typeorm';
import { type CommandAction, currentAuditAction, type RefusableAction } from '@cio/contracts';
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

/**
 * The audit trail in the order things happened, in pages after a given entry: the cursor is the
 * order itself (time, cycle, sequence, id), so entries written out of that order (a retried
 * activity, a refusal recorded beside a step) are neither skipped nor repeated by the pages. One
 * written after a page was read with an earlier time shows when the trail is read again.
 */
export async function auditTrail(
  db: DataSource,
  initiativeId: string,
  options: { afterId?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  // A refusal has no sequence: it sorts after the steps of its instant (NULLS LAST).
  const key = `occurred_at, cycle, COALESCE(sequence, 2147483647), id`;
  const rows: AuditRecord[] = await db.query(
    `SELECT id::text AS id, cycle, sequence, actor, role, action, outcome, details, request_id AS "requestId",
            ${isoText('occurred_at')} AS "occurredAt"
       FROM audit_entries
      WHERE initiative_id = $1
        AND ($2::bigint IS NULL
             OR (${key}) > (SELECT ${key} FROM audit_entries WHERE id = $2::bigint AND initiative_id = $1))
      ORDER BY ${key}
      LIMIT $3`,
    [initiativeId, options.afterId ?? null, options.limit ?? 500],
  );
  // Entries a worker on older code wrote after the vocabulary's migration keep their legacy name.
  return rows.map((row) => ({ ...row, action: currentAuditAction(row.action) }));
}

export interface RefusedAction {
  initiativeId: string;
  actor: string;
  role: string | null;
  action: CommandAction;
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

export interface RefusedRequest {
  actor: string;
  roles: readonly string[];
  departments: readonly string[];
  action: RefusableAction;
  code: string;
  message: string;
  /** What it was about, e.g. the initiative id asked for. */
  subject: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

export interface RefusedRequestRecord extends Omit<RefusedRequest, 'roles' | 'departments'> {
  id: string;
  roles: string[];
  departments: string[];
  occurredAt: string;
}

/** Records a refusal that has no initiative to attach to (a creation the caller may not make). */
export async function recordRefusedRequest(db: DataSource, refusal: RefusedRequest): Promise<void> {
  await db.query(
    `INSERT INTO refused_requests (actor, roles, departments, action, code, message, subject, details, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      refusal.actor,
      refusal.roles,
      refusal.departments,
      refusal.action,
      refusal.code,
      refusal.message,
      refusal.subject,
      JSON.stringify(refusal.details),
      refusal.requestId,
    ],
  );
}

/** Refused requests in the order they happened, in pages after a given id. */
export async function refusedRequests(
  db: DataSource,
  options: { afterId?: string; limit?: number } = {},
): Promise<RefusedRequestRecord[]> {
  return db.query(
    `SELECT id::text AS id, actor, roles, departments, action, code, message, subject, details,
            request_id AS "requestId", ${isoText('occurred_at')} AS "occurredAt"
       FROM refused_requests
      WHERE $1::bigint IS NULL OR id > $1::bigint
      ORDER BY id
      LIMIT $2`,
    [options.afterId ?? null, options.limit ?? 200],
  );
}
