import type { DataSource } from 'typeorm';
import { RegisterErrorCode, type WaitingOn } from '@cio/contracts';
import { RegisterError } from './register-error';

/**
 * Who asks: admins see every initiative; others those of their departments, those whose policy
 * names one of their roles, those that wait on their department or on them in person, and those
 * whose plans name their department or them (a measure, a task, a training), in every phase.
 */
export type ReadScope = 'all' | { departments: string[]; roles: string[]; person?: string };

export interface InitiativeFilter {
  phase?: string;
  service?: string;
  owner?: string;
  department?: string;
  /** Exactly this cycle, or at least `cycleAtLeast`. */
  cycle?: number;
  cycleAtLeast?: number;
  /** Case-insensitive substring of id, title, service, department or owner. */
  text?: string;
  /** Items per page, 1–200 (default 50). */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface InitiativeSummary {
  id: string;
  workflowId: string;
  title: string;
  service: string;
  department: string;
  owner: string;
  phase: string;
  phaseSince: string | null;
  cycle: number;
  /** Cycles it may run: the policy's limit, raised by extensions. */
  maxCycles: number;
  /** The verdict of its latest evaluation or follow-up review. */
  lastVerdict: 'met' | 'not-met' | 'inconclusive' | null;
  waitingOn: WaitingOn[];
  nextDueAt: string | null;
  closedOutcome: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Timestamps leave PostgreSQL as text with microseconds, so a cursor round-trips exactly. */
export const isoText = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const summaryColumns = `
  i.id, i.workflow_id AS "workflowId", i.title, i.service, i.department, i.owner, i.phase,
  ${isoText('i.phase_since')} AS "phaseSince", i.cycle,
  COALESCE(i.max_cycles, (i.definition->'policy'->>'maxCycles')::int, i.cycle) AS "maxCycles",
  i.last_verdict AS "lastVerdict", i.waiting_on AS "waitingOn",
  ${isoText('i.next_due_at')} AS "nextDueAt", i.closed_outcome AS "closedOutcome",
  ${isoText('i.created_at')} AS "createdAt", ${isoText('i.updated_at')} AS "updatedAt"`;

interface Cursor {
  createdAt: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(createdAt))) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the refusal below
  }
  throw new RegisterError(RegisterErrorCode.INVALID_QUERY, 'cursor is not one this register issued', [
    { field: 'cursor', message: 'not a cursor from a previous page' },
  ]);
}

/** Builds `$n` placeholders while collecting their values. */
export class Params {
  readonly values: unknown[] = [];
  /** The placeholder for `value`, cast to `type` when given (e.g. 'jsonb', 'text[]'). */
  add(value: unknown, type?: string): string {
    this.values.push(value);
    return type ? `$${this.values.length}::${type}` : `$${this.values.length}`;
  }
}

export function scopeCondition(scope: ReadScope, params: Params): string | null {
  if (scope === 'all') return null;
  const departments = params.add(scope.departments);
  const person = params.add(scope.person ?? '');
  return `(i.department = ANY(${departments}::text[]) OR i.policy_roles && ${params.add(scope.roles)}::text[]
           OR i.waiting_departments && ${departments}::text[] OR i.waiting_people @> ARRAY[${person}]
           OR i.involved_departments && ${departments}::text[] OR i.involved_people @> ARRAY[${person}])`;
}

/** A LIKE pattern's wildcards taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page's size, 1–MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE); anything else is refused by name. */
export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new RegisterError(
      RegisterErrorCode.INVALID_QUERY,
      `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`,
      [{ field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` }],
    );
  }
  return value;
}

/** The register's list, newest first, in keyset pages: a page costs the same at any depth. */
export async function listInitiatives(
  db: DataSource,
  scope: ReadScope,
  filter: InitiativeFilter = {},
): Promise<Page<InitiativeSummary>> {
  const limit = pageLimit(filter.limit);
  const params = new Params();
  const where: string[] = [];
  const scoped = scopeCondition(scope, params);
  if (scoped) where.push(scoped);
  for (const column of ['phase', 'service', 'owner', 'department'] as const) {
    const value = filter[column];
    if (value !== undefined) where.push(`i.${column} = ${params.add(value)}`);
  }
  if (filter.cycle !== undefined) where.push(`i.cycle = ${params.add(filter.cycle)}`);
  if (filter.cycleAtLeast !== undefined) where.push(`i.cycle >= ${params.add(filter.cycleAtLeast)}`);
  if (filter.text)
    where.push(`i.search_text LIKE ${params.add(`%${escapeLike(filter.text.toLowerCase())}%`)}`);
  if (filter.cursor) {
    const cursor = decodeCursor(filter.cursor);
    where.push(
      `(i.created_at, i.id) < (${params.add(cursor.createdAt)}::timestamptz, ${params.add(cursor.id)})`,
    );
  }
  const rows: InitiativeSummary[] = await db.query(
    `SELECT ${summaryColumns} FROM initiatives i
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY i.created_at DESC, i.id DESC
      LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

export interface WorkItem {
  initiative: InitiativeSummary;
  /** Only the waits that are the caller's: by role, department or person. */
  waits: WaitingOn[];
}

/** Everything that waits on the caller's roles, departments or person, earliest deadline first. */
export async function workWaitingOn(
  db: DataSource,
  who: { roles: string[]; departments: string[]; person: string },
  limit = DEFAULT_PAGE_SIZE,
): Promise<WorkItem[]> {
  const rows: InitiativeSummary[] = await db.query(
    `SELECT ${summaryColumns} FROM initiatives i
      WHERE i.waiting_roles && $1::text[] OR i.waiting_departments && $2::text[] OR i.waiting_people @> ARRAY[$3]
      ORDER BY i.next_due_at ASC NULLS LAST, i.id
      LIMIT $4`,
    [who.roles, who.departments, who.person, limit],
  );
  const mine = (w: WaitingOn) =>
    (w.who.role !== undefined && who.roles.includes(w.who.role)) ||
    (w.escalatedTo !== null && who.roles.includes(w.escalatedTo)) ||
    (w.who.department !== undefined && who.departments.includes(w.who.department)) ||
    w.who.person === who.person;
  return rows.map((initiative) => ({ initiative, waits: initiative.waitingOn.filter(mine) }));
}
