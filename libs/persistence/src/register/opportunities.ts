import type { DataSource, EntityManager } from 'typeorm';
import {
  type BenefitLevel,
  type ClosureCode,
  type EffortSize,
  OPEN_OPPORTUNITY_STATUSES,
  type OpportunityAction,
  type OpportunityInput,
  type OpportunityStatus,
  type PriorityScore,
  type PriorityWeights,
  RegisterErrorCode,
  type TriageDecision,
  type WatchedKpi,
} from '@cio/contracts';
import { closureCodeOf, priorityScore, scoreModelOf } from '@cio/domain';
import {
  isoText,
  escapeLike,
  pageLimit,
  type Page,
  Params,
  type ReadScope,
  scopeCondition,
} from './initiative-queries';
import { RegisterError } from './register-error';

/** An opportunity as the backlog lists it, with its score's parts. */
export interface OpportunitySummary extends OpportunityInput {
  id: string;
  status: OpportunityStatus;
  raisedBy: string;
  supporters: number;
  comments: number;
  score: PriorityScore;
  duplicateOf: string | null;
  initiativeId: string | null;
  watchId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The initiative an opportunity became, and how it ended. Everyone who reads the opportunity sees
 * its phase, closure code and achieved benefit; its title, cycle, verdict and closure reason only
 * those who may see the initiative (`visible`).
 */
export interface OpportunityResult {
  initiativeId: string;
  visible: boolean;
  title: string | null;
  phase: string;
  cycle: number | null;
  lastVerdict: string | null;
  closedOutcome: string | null;
  closureCode: ClosureCode | null;
  closureReason: string | null;
  achievedBenefit: string | null;
}

export interface OpportunityEvent {
  id: string;
  actor: string;
  role: string | null;
  action: OpportunityAction;
  details: Record<string, unknown>;
  requestId: string | null;
  occurredAt: string;
}

export interface OpportunityDetail extends OpportunitySummary {
  triage: { by: string; at: string; reason: string | null } | null;
  supportedBy: { person: string; comment: string | null; supportedAt: string }[];
  commentList: { id: string; author: string; body: string; createdAt: string }[];
  events: OpportunityEvent[];
  result: OpportunityResult | null;
}

export interface OpportunityFilter {
  /** `open` (new and accepted, the default), `all`, or one status. */
  status?: OpportunityStatus | 'open' | 'all';
  service?: string;
  department?: string;
  origin?: string;
  benefitCategory?: string;
  benefitLevel?: string;
  effort?: string;
  risk?: string;
  objective?: string;
  raisedBy?: string;
  /** Case-insensitive substring of id, title or description. */
  text?: string;
  /** `score` (highest first, the default) or `newest`. */
  sort?: 'score' | 'newest';
  limit?: number;
  cursor?: string;
}

/** Who did it, for the trail. */
export interface OpportunityActor {
  actor: string;
  role: string | null;
  requestId: string | null;
}

const columns = `
  o.id, o.title, o.description, o.service, o.department, o.origin, o.reference,
  o.benefit_category AS "benefitCategory", o.benefit_level AS "benefitLevel",
  o.benefit_description AS "benefitDescription", o.effort, o.risk, o.objectives, o.status,
  o.raised_by AS "raisedBy", o.supporters, o.comments, o.score AS "scoreTotal",
  o.duplicate_of AS "duplicateOf", o.initiative_id AS "initiativeId", o.watch_id AS "watchId",
  o.triaged_by AS "triagedBy", ${isoText('o.triaged_at')} AS "triagedAt", o.triage_reason AS "triageReason",
  ${isoText('o.created_at')} AS "createdAt", ${isoText('o.updated_at')} AS "updatedAt"`;

interface OpportunityRow {
  id: string;
  title: string;
  description: string;
  service: string;
  department: string;
  origin: OpportunityInput['origin'];
  reference: string | null;
  benefitCategory: OpportunityInput['benefit']['category'];
  benefitLevel: OpportunityInput['benefit']['level'];
  benefitDescription: string;
  effort: OpportunityInput['effort'];
  risk: OpportunityInput['risk'];
  objectives: string[];
  status: OpportunityStatus;
  raisedBy: string;
  supporters: number;
  comments: number;
  scoreTotal: number;
  duplicateOf: string | null;
  initiativeId: string | null;
  watchId: string | null;
  triagedBy: string | null;
  triagedAt: string | null;
  triageReason: string | null;
  createdAt: string;
  updatedAt: string;
}

function summaryOf(row: OpportunityRow, weights: PriorityWeights): OpportunitySummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    service: row.service,
    department: row.department,
    origin: row.origin,
    ...(row.reference === null ? {} : { reference: row.reference }),
    benefit: { category: row.benefitCategory, level: row.benefitLevel, description: row.benefitDescription },
    effort: row.effort,
    risk: row.risk,
    objectives: row.objectives,
    status: row.status,
    raisedBy: row.raisedBy,
    supporters: row.supporters,
    comments: row.comments,
    score: priorityScore({ ...row, benefit: { level: row.benefitLevel } }, weights),
    duplicateOf: row.duplicateOf,
    initiativeId: row.initiativeId,
    watchId: row.watchId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const opportunityNotFound = (id: string) =>
  new RegisterError(RegisterErrorCode.OPPORTUNITY_NOT_FOUND, `opportunity '${id}' was not found`);

const openStatuses = `('${OPEN_OPPORTUNITY_STATUSES.join("', '")}')`;
const isOpen = (status: OpportunityStatus) =>
  (OPEN_OPPORTUNITY_STATUSES as readonly string[]).includes(status);

async function addEvent(
  db: EntityManager | DataSource,
  opportunityId: string,
  action: OpportunityAction,
  who: OpportunityActor,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    `INSERT INTO opportunity_events (opportunity_id, actor, role, action, details, request_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [opportunityId, who.actor, who.role, action, JSON.stringify(details), who.requestId],
  );
}

/**
 * Enters a new opportunity, scored, and its first trail entry (with `details`, e.g. a watch's
 * evidence). A second one with the same id is refused. In a transaction, a savepoint of it.
 */
export async function raiseOpportunity(
  db: DataSource | EntityManager,
  opportunity: OpportunityInput & { id: string; raisedBy: string; watchId?: string },
  weights: PriorityWeights,
  who: OpportunityActor,
  details: Record<string, unknown> = {},
): Promise<void> {
  const score = priorityScore({ ...opportunity, supporters: 0 }, weights);
  await db.transaction(async (tx) => {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO opportunities (id, title, description, service, department, origin, reference,
                                  benefit_category, benefit_level, benefit_description, effort, risk,
                                  objectives, raised_by, score, score_model, watch_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        opportunity.id,
        opportunity.title,
        opportunity.description,
        opportunity.service,
        opportunity.department,
        opportunity.origin,
        opportunity.reference ?? null,
        opportunity.benefit.category,
        opportunity.benefit.level,
        opportunity.benefit.description,
        opportunity.effort,
        opportunity.risk,
        opportunity.objectives,
        opportunity.raisedBy,
        score.total,
        scoreModelOf(weights),
        opportunity.watchId ?? null,
      ],
    );
    // A retry of a raise that was entered (its answer lost): the same id from the same person.
    if (inserted.length === 0) {
      const [existing]: { raisedBy: string }[] = await tx.query(
        `SELECT raised_by AS "raisedBy" FROM opportunities WHERE id = $1`,
        [opportunity.id],
      );
      if (existing?.raisedBy === opportunity.raisedBy) return;
      throw new RegisterError(RegisterErrorCode.INVALID_QUERY, `opportunity '${opportunity.id}' exists`);
    }
    await addEvent(tx, opportunity.id, 'raise-opportunity', who, { origin: opportunity.origin, ...details });
  });
}

/** The instants this register writes into cursors (isoText): anything else was not issued here. */
const ISSUED_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;
const isIssuedInstant = (text: string) =>
  ISSUED_INSTANT.test(text) &&
  !Number.isNaN(Date.parse(text)) &&
  // A day the month does not have (30 February) is rolled over by Date: it must read back the same.
  new Date(Date.parse(text)).toISOString().slice(0, 23) === text.slice(0, 23);

const encode = (parts: (string | number)[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

function decode(text: string, sort: 'score' | 'newest'): [string | number, string] {
  try {
    const parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const [key, id] = parts;
    if (
      parts.length === 2 &&
      typeof id === 'string' &&
      !id.includes('\u0000') &&
      (sort === 'score'
        ? typeof key === 'number' && Number.isFinite(key)
        : typeof key === 'string' && isIssuedInstant(key))
    ) {
      return [key as string | number, id];
    }
  } catch {
    // falls through to the refusal below
  }
  throw new RegisterError(
    RegisterErrorCode.INVALID_QUERY,
    'cursor is not one this register issued for this order',
    [{ field: 'cursor', message: 'not a cursor from a previous page of the same order' }],
  );
}

/** The backlog's filters as a FROM and WHERE over `o`, the same for its pages and its matrix. */
function filtered(filter: OpportunityFilter, params: Params): { from: string; where: string[] } {
  const where: string[] = [];
  const status = filter.status ?? 'open';
  if (status === 'open') where.push(`o.status IN ${openStatuses}`);
  else if (status !== 'all') where.push(`o.status = ${params.add(status)}`);
  const exact = {
    service: 'service',
    department: 'department',
    origin: 'origin',
    benefitCategory: 'benefit_category',
    benefitLevel: 'benefit_level',
    effort: 'effort',
    risk: 'risk',
    raisedBy: 'raised_by',
  } as const;
  for (const [field, column] of Object.entries(exact) as [keyof typeof exact, string][]) {
    const value = filter[field];
    if (value !== undefined) where.push(`o.${column} = ${params.add(value)}`);
  }
  // An objective's opportunities are found by its GIN index and then sorted: walking the backlog
  // by score for them would read all of it when an objective has few or none (OFFSET 0 keeps
  // the planner from choosing that walk).
  const from =
    filter.objective === undefined
      ? 'opportunities o'
      : `(SELECT * FROM opportunities WHERE objectives @> ARRAY[${params.add(filter.objective)}] OFFSET 0) o`;
  if (filter.text)
    where.push(`o.search_text LIKE ${params.add(`%${escapeLike(filter.text.toLowerCase())}%`)}`);
  return { from, where };
}

/**
 * The backlog: by score, highest first (or newest first), in keyset pages, every filter combined.
 * Everyone signed in reads the whole register of opportunities: raising and supporting is open.
 */
export async function listOpportunities(
  db: DataSource,
  filter: OpportunityFilter,
  weights: PriorityWeights,
): Promise<Page<OpportunitySummary>> {
  const limit = pageLimit(filter.limit);
  const sort = filter.sort ?? 'score';
  const params = new Params();
  const { from, where } = filtered(filter, params);
  const order = sort === 'score' ? 'o.score DESC, o.id' : 'o.created_at DESC, o.id DESC';
  if (filter.cursor) {
    const [after, id] = decode(filter.cursor, sort);
    where.push(
      sort === 'score'
        ? `(o.score < ${params.add(after)} OR (o.score = ${params.add(after)} AND o.id > ${params.add(id)}))`
        : `(o.created_at, o.id) < (${params.add(after)}::timestamptz, ${params.add(id)})`,
    );
  }
  const rows: OpportunityRow[] = await db.query(
    `SELECT ${columns} FROM ${from}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order}
      LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => summaryOf(row, weights)),
    nextCursor:
      rows.length > limit && last
        ? encode([sort === 'score' ? last.scoreTotal : last.createdAt, last.id])
        : null,
  };
}

/** How many opportunities each cell of the value-versus-effort matrix holds, under the backlog's filters. */
export async function opportunityMatrix(
  db: DataSource,
  filter: Omit<OpportunityFilter, 'benefitLevel' | 'effort' | 'sort' | 'limit' | 'cursor'>,
): Promise<{ benefitLevel: BenefitLevel; effort: EffortSize; count: number }[]> {
  const params = new Params();
  const { from, where } = filtered(filter, params);
  return db.query(
    `SELECT o.benefit_level AS "benefitLevel", o.effort, count(*)::int AS count FROM ${from}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    params.values,
  );
}

/** Open opportunities of a service, to find one that looks like a new one (most supported first). */
export async function openOpportunitiesOfService(
  db: DataSource,
  service: string,
  limit = 500,
): Promise<{ id: string; title: string; status: OpportunityStatus; supporters: number }[]> {
  return db.query(
    `SELECT id, title, status, supporters FROM opportunities
      WHERE service = $1 AND status IN ${openStatuses}
      ORDER BY supporters DESC, created_at DESC LIMIT $2`,
    [service, limit],
  );
}

async function rowOf(db: DataSource | EntityManager, id: string, lock = false): Promise<OpportunityRow> {
  const [row]: OpportunityRow[] = await db.query(
    `SELECT ${columns} FROM opportunities o WHERE o.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!row) throw opportunityNotFound(id);
  return row;
}

/** The opportunity with its supporters, comments, trail and the initiative it became. */
export async function getOpportunity(
  db: DataSource,
  id: string,
  weights: PriorityWeights,
  scope: ReadScope,
): Promise<OpportunityDetail> {
  const row = await rowOf(db, id);
  const [supportedBy, commentList, events, results] = await Promise.all([
    db.query(
      `SELECT person, comment, ${isoText('supported_at')} AS "supportedAt"
         FROM opportunity_supporters WHERE opportunity_id = $1 ORDER BY supported_at, person`,
      [id],
    ) as Promise<OpportunityDetail['supportedBy']>,
    db.query(
      `SELECT id::text AS id, author, body, ${isoText('created_at')} AS "createdAt"
         FROM (SELECT * FROM opportunity_comments WHERE opportunity_id = $1 ORDER BY id DESC LIMIT 1000) c
        ORDER BY id`,
      [id],
    ) as Promise<OpportunityDetail['commentList']>,
    db.query(
      `SELECT id::text AS id, actor, role, action, details, request_id AS "requestId",
              ${isoText('occurred_at')} AS "occurredAt"
         FROM (SELECT * FROM opportunity_events WHERE opportunity_id = $1 ORDER BY id DESC LIMIT 1000) e
        ORDER BY id`,
      [id],
    ) as Promise<OpportunityEvent[]>,
    row.initiativeId ? initiativeResults(db, [row.initiativeId], scope) : Promise.resolve([]),
  ]);
  return {
    ...summaryOf(row, weights),
    triage:
      row.triagedBy && row.triagedAt
        ? { by: row.triagedBy, at: row.triagedAt, reason: row.triageReason }
        : null,
    supportedBy,
    commentList,
    events,
    result: results[0] ?? null,
  };
}

/** How initiatives stand or ended: the closure code set, or the one their outcome gives. */
export async function initiativeResults(
  db: DataSource | EntityManager,
  ids: readonly string[],
  scope: ReadScope,
): Promise<OpportunityResult[]> {
  const params = new Params();
  const idsParam = params.add(ids, 'text[]');
  const visible = scopeCondition(scope, params) ?? 'true';
  const rows: (Omit<OpportunityResult, 'closureCode'> & { closureSet: ClosureCode | null })[] =
    await db.query(
      `SELECT i.id AS "initiativeId", ${visible} AS visible, i.phase, i.closed_outcome AS "closedOutcome",
            i.closure_code AS "closureSet", i.achieved_benefit AS "achievedBenefit",
            CASE WHEN ${visible} THEN i.title END AS title, CASE WHEN ${visible} THEN i.cycle END AS cycle,
            CASE WHEN ${visible} THEN i.last_verdict END AS "lastVerdict",
            CASE WHEN ${visible} THEN i.closure_reason END AS "closureReason"
       FROM initiatives i WHERE i.id = ANY(${idsParam})`,
      params.values,
    );
  return rows.map(({ closureSet, ...row }) => ({
    ...row,
    closureCode: closureCodeOf({ set: closureSet, closedOutcome: row.closedOutcome }),
  }));
}

async function rescore(tx: EntityManager, id: string, weights: PriorityWeights): Promise<void> {
  const row = await rowOf(tx, id);
  const score = priorityScore({ ...row, benefit: { level: row.benefitLevel } }, weights);
  await tx.query(`UPDATE opportunities SET score = $2, score_model = $3, updated_at = now() WHERE id = $1`, [
    id,
    score.total,
    scoreModelOf(weights),
  ]);
}

/**
 * Adds a person's support (+1, once per person; a second time updates the comment) and rescores.
 * Returns whether the support is new.
 */
export async function supportOpportunity(
  db: DataSource | EntityManager,
  input: { id: string; person: string; comment: string | null },
  weights: PriorityWeights,
  who: OpportunityActor,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await rowOf(tx, input.id, true);
    if (!isOpen(row.status)) {
      throw new RegisterError(
        RegisterErrorCode.OPPORTUNITY_NOT_OPEN,
        `opportunity '${input.id}' is ${row.status}: support goes to open opportunities`,
      );
    }
    const [inserted]: { inserted: boolean }[] = await tx.query(
      `INSERT INTO opportunity_supporters (opportunity_id, person, comment) VALUES ($1, $2, $3)
       ON CONFLICT (opportunity_id, person) DO UPDATE SET comment = COALESCE(EXCLUDED.comment, opportunity_supporters.comment)
       RETURNING (xmax = 0) AS inserted`,
      [input.id, input.person, input.comment],
    );
    const isNew = inserted?.inserted === true;
    if (isNew) {
      await tx.query(`UPDATE opportunities SET supporters = supporters + 1 WHERE id = $1`, [input.id]);
      await rescore(tx, input.id, weights);
      await addEvent(
        tx,
        input.id,
        'support-opportunity',
        who,
        input.comment ? { comment: input.comment } : {},
      );
    }
    return isNew;
  });
}

/** Takes a person's support back (nothing when they gave none). */
export async function withdrawSupport(
  db: DataSource,
  input: { id: string; person: string },
  weights: PriorityWeights,
  who: OpportunityActor,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await rowOf(tx, input.id, true);
    const removed: unknown[] = await tx.query(
      `DELETE FROM opportunity_supporters WHERE opportunity_id = $1 AND person = $2 RETURNING person`,
      [input.id, input.person],
    );
    const [rows] = removed as [unknown[], number];
    if (!Array.isArray(rows) || rows.length === 0) return false;
    await tx.query(`UPDATE opportunities SET supporters = GREATEST(0, supporters - 1) WHERE id = $1`, [
      input.id,
    ]);
    await rescore(tx, input.id, weights);
    await addEvent(tx, input.id, 'withdraw-support', who);
    return true;
  });
}

export async function commentOnOpportunity(
  db: DataSource,
  input: { id: string; author: string; body: string; requestKey: string | null },
  who: OpportunityActor,
): Promise<{ id: string; createdAt: string }> {
  return db.transaction(async (tx) => {
    await rowOf(tx, input.id, true);
    const columns = `id::text AS id, ${isoText('created_at')} AS "createdAt"`;
    const [comment]: { id: string; createdAt: string }[] = await tx.query(
      `INSERT INTO opportunity_comments (opportunity_id, author, body, request_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_opportunity_comments_request DO NOTHING
       RETURNING ${columns}`,
      [input.id, input.author, input.body, input.requestKey],
    );
    // The same request again (its first answer lost): the comment it wrote.
    if (!comment) {
      const [written]: { id: string; createdAt: string }[] = await tx.query(
        `SELECT ${columns} FROM opportunity_comments WHERE opportunity_id = $1 AND request_key = $2`,
        [input.id, input.requestKey],
      );
      return written as { id: string; createdAt: string };
    }
    await tx.query(`UPDATE opportunities SET comments = comments + 1, updated_at = now() WHERE id = $1`, [
      input.id,
    ]);
    await addEvent(tx, input.id, 'comment-opportunity', who, { commentId: comment.id });
    return comment;
  });
}

const TRIAGE_ACTION: Record<TriageDecision, OpportunityAction> = {
  accept: 'accept-opportunity',
  decline: 'decline-opportunity',
  duplicate: 'mark-duplicate',
};
const TRIAGE_STATUS: Record<TriageDecision, OpportunityStatus> = {
  accept: 'accepted',
  decline: 'declined',
  duplicate: 'duplicate',
};

/** The department the triage rights are checked against, read before the triage. */
export async function opportunityDepartment(
  db: DataSource,
  id: string,
): Promise<{ department: string; status: OpportunityStatus; raisedBy: string }> {
  const row = await rowOf(db, id);
  return { department: row.department, status: row.status, raisedBy: row.raisedBy };
}

/**
 * Accepts, declines (with a reason) or marks as a duplicate of another (open or promoted)
 * opportunity. Only an open opportunity is triaged; accepting an accepted one is refused too.
 */
export async function triageOpportunity(
  db: DataSource,
  input: { id: string; decision: TriageDecision; reason: string | null; duplicateOf: string | null },
  who: OpportunityActor,
): Promise<void> {
  await db.transaction(async (tx) => {
    // Both ends of a duplicate are locked, in one order, so two crossing marks cannot both pass.
    await tx.query(`SELECT id FROM opportunities WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [
      [input.id, ...(input.duplicateOf ? [input.duplicateOf] : [])],
    ]);
    const row = await rowOf(tx, input.id);
    // A retry of the decision this person made: done already.
    if (row.status === TRIAGE_STATUS[input.decision] && row.triagedBy === who.actor) return;
    const open = isOpen(row.status);
    if (!open || (input.decision === 'accept' && row.status === 'accepted')) {
      throw new RegisterError(
        RegisterErrorCode.OPPORTUNITY_NOT_OPEN,
        `opportunity '${input.id}' is ${row.status}: only ${input.decision === 'accept' ? 'a new one is accepted' : 'an open one is triaged'}`,
      );
    }
    if (input.decision === 'duplicate') {
      const original = input.duplicateOf;
      const [target]: { status: OpportunityStatus }[] = original
        ? await tx.query(`SELECT status FROM opportunities WHERE id = $1`, [original])
        : [];
      if (
        !original ||
        original === input.id ||
        !target ||
        target.status === 'declined' ||
        target.status === 'duplicate'
      ) {
        throw new RegisterError(
          RegisterErrorCode.INVALID_DUPLICATE,
          `a duplicate names another open or promoted opportunity${original ? ` ('${original}' is not one)` : ''}`,
          [{ field: 'duplicateOf', message: 'must be the id of another open or promoted opportunity' }],
        );
      }
      await addEvent(tx, original, 'mark-duplicate', who, { duplicate: input.id });
    }
    await tx.query(
      `UPDATE opportunities SET status = $2, triaged_by = $3, triaged_at = now(), triage_reason = $4,
                                duplicate_of = $5, updated_at = now()
        WHERE id = $1`,
      [input.id, TRIAGE_STATUS[input.decision], who.actor, input.reason, input.duplicateOf],
    );
    await addEvent(tx, input.id, TRIAGE_ACTION[input.decision], who, {
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}),
    });
  });
}

export type PromotionClaim = { kind: 'claimed' } | { kind: 'retry' };

/**
 * Reserves an open opportunity for the initiative it becomes, before that initiative is started:
 * one initiative per opportunity. Claiming it again for the same initiative (a retry) is allowed.
 */
export async function claimPromotion(
  db: DataSource,
  input: { id: string; initiativeId: string },
  who: OpportunityActor,
): Promise<PromotionClaim> {
  return db.transaction(async (tx) => {
    const row = await rowOf(tx, input.id, true);
    if (row.initiativeId === input.initiativeId) return { kind: 'retry' };
    if (row.initiativeId !== null) {
      throw new RegisterError(
        RegisterErrorCode.OPPORTUNITY_ALREADY_PROMOTED,
        `opportunity '${input.id}' was promoted to initiative '${row.initiativeId}' already`,
        [{ field: 'opportunityId', message: `became initiative '${row.initiativeId}'` }],
      );
    }
    const [taken]: { id: string }[] = await tx.query(`SELECT id FROM initiatives WHERE id = $1`, [
      input.initiativeId,
    ]);
    if (taken) {
      throw new RegisterError(
        RegisterErrorCode.INITIATIVE_EXISTS,
        `initiative '${input.initiativeId}' exists already; a promotion creates a new one`,
        [{ field: 'id', message: 'choose another id, or leave it out' }],
      );
    }
    if (!isOpen(row.status)) {
      throw new RegisterError(
        RegisterErrorCode.OPPORTUNITY_NOT_OPEN,
        `opportunity '${input.id}' is ${row.status}: only an open one is promoted`,
        [{ field: 'opportunityId', message: `is ${row.status}` }],
      );
    }
    await tx.query(
      `UPDATE opportunities SET status = 'promoted', initiative_id = $2, triaged_by = COALESCE(triaged_by, $3),
                                triaged_at = COALESCE(triaged_at, now()), updated_at = now()
        WHERE id = $1`,
      [input.id, input.initiativeId, who.actor],
    );
    await addEvent(tx, input.id, 'promote-opportunity', who, {
      initiativeId: input.initiativeId,
      from: row.status,
    });
    return { kind: 'claimed' };
  });
}

/** Gives the opportunity back when the initiative it was claimed for was refused (nothing started). */
export async function releasePromotion(
  db: DataSource,
  input: { id: string; initiativeId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [event]: { from: string | null }[] = await tx.query(
      `SELECT details->>'from' AS "from" FROM opportunity_events
        WHERE opportunity_id = $1 AND action = 'promote-opportunity' AND details->>'initiativeId' = $2
        ORDER BY id DESC LIMIT 1`,
      [input.id, input.initiativeId],
    );
    // Its watch may have raised another open one meanwhile (one open per watch): then it goes
    // back as a duplicate of that one.
    await tx.query(
      `UPDATE opportunities o
          SET initiative_id = NULL, updated_at = now(),
              status = CASE WHEN other.id IS NULL THEN $3 ELSE 'duplicate' END, duplicate_of = other.id
         FROM (SELECT NULL) AS one
         LEFT JOIN LATERAL (SELECT x.id FROM opportunities x, opportunities self
                             WHERE self.id = $1 AND x.watch_id = self.watch_id AND x.id <> self.id
                               AND x.status IN ${openStatuses} LIMIT 1) other ON true
        WHERE o.id = $1 AND o.initiative_id = $2`,
      [input.id, input.initiativeId, event?.from ?? 'accepted'],
    );
    await addEvent(
      tx,
      input.id,
      'promotion-released',
      { actor: 'system', role: null, requestId: null },
      { initiativeId: input.initiativeId, reason: 'its initiative could not be started' },
    );
  });
}

/** Links the register's initiative row to the opportunity it came from. */
export async function linkPromotedInitiative(
  db: DataSource,
  input: { opportunityId: string; initiativeId: string },
): Promise<void> {
  await db.query(`UPDATE initiatives SET opportunity_id = $2 WHERE id = $1 AND opportunity_id IS NULL`, [
    input.initiativeId,
    input.opportunityId,
  ]);
}

/**
 * Rescores every opportunity scored under other weights (the configuration changed), in batches;
 * returns how many were rescored.
 */
export async function rescoreOpportunities(
  db: DataSource,
  weights: PriorityWeights,
  batch = 1000,
): Promise<number> {
  const model = scoreModelOf(weights);
  let total = 0;
  for (;;) {
    // Each batch locked while it is rescored, so a support landing meanwhile waits and then
    // rescores its row itself; rows locked by one now are taken by the next batch.
    const done = await db.transaction(async (tx) => {
      const rows: OpportunityRow[] = await tx.query(
        `SELECT ${columns} FROM opportunities o WHERE o.score_model <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [model, batch],
      );
      const scores = rows.map(
        (row) => priorityScore({ ...row, benefit: { level: row.benefitLevel } }, weights).total,
      );
      await tx.query(
        `UPDATE opportunities o SET score = s.score, score_model = $3
           FROM unnest($1::text[], $2::float8[]) AS s(id, score) WHERE o.id = s.id`,
        [rows.map((row) => row.id), scores, model],
      );
      return rows.length;
    });
    if (done === 0) return total;
    total += done;
  }
}

/** The KPI a service watch measures (for the initiative an opportunity it raised becomes). */
export async function watchedKpiOf(db: DataSource, watchId: string): Promise<WatchedKpi | null> {
  const [row]: { kpi: WatchedKpi | null }[] = await db.query(
    `SELECT definition->'kpi' AS kpi FROM service_watches WHERE id = $1`,
    [watchId],
  );
  return row?.kpi ?? null;
}

export { addEvent as recordOpportunityEvent };
