import type { DataSource, EntityManager } from 'typeorm';
import {
  OPEN_OPPORTUNITY_STATUSES,
  type PriorityWeights,
  RegisterErrorCode,
  type ServiceWatchDefinition,
  type WatchCheckOutcome,
  type WatchEvidence,
} from '@cio/contracts';
import { nextWatchState, opportunityOfBreach } from '@cio/domain';
import { isoText } from './initiative-queries';
import type { IngestResult } from './measurement-ingest';
import {
  type OpportunityActor,
  raiseOpportunity,
  recordOpportunityEvent,
  supportOpportunity,
} from './opportunities';
import { RegisterError } from './register-error';

/** A watch as the register lists it: its definition and where its checks stand. */
export interface WatchSummary {
  id: string;
  title: string;
  service: string;
  department: string;
  definition: ServiceWatchDefinition;
  createdBy: string;
  createdAt: string;
  consecutiveBreaches: number;
  lastCheckedAt: string | null;
  lastOutcome: WatchCheckOutcome | null;
  lastEvidence: WatchEvidence | null;
  /** The one open opportunity the watch raised, if any. */
  openOpportunityId: string | null;
}

export type WatchAct = ReturnType<typeof nextWatchState>['act'];

/** One check, as its row keeps it: what it found and what it did. */
export interface WatchCheck {
  checkedAt: string;
  outcome: WatchCheckOutcome;
  evidence: WatchEvidence;
  consecutive: number;
  act: WatchAct;
  opportunityId: string | null;
}

export interface WatchCheckResult extends WatchCheck {
  watchId: string;
  /** The check had been recorded already (a retry): nothing changed. */
  replayed: boolean;
}

export interface PushedWatchSample {
  value: number;
  observedAt: string;
  clientKey?: string;
}

export const watchNotFound = (id: string) =>
  new RegisterError(RegisterErrorCode.WATCH_NOT_FOUND, `service watch '${id}' was not found`);

const openStatuses = `('${OPEN_OPPORTUNITY_STATUSES.join("', '")}')`;

const watchColumns = `
  w.id, w.title, w.service, w.department, w.definition, w.created_by AS "createdBy",
  ${isoText('w.created_at')} AS "createdAt", w.consecutive_breaches AS "consecutiveBreaches",
  ${isoText('w.last_checked_at')} AS "lastCheckedAt", w.last_outcome AS "lastOutcome",
  w.last_evidence AS "lastEvidence",
  (SELECT o.id FROM opportunities o WHERE o.watch_id = w.id AND o.status IN ${openStatuses} LIMIT 1) AS "openOpportunityId"`;

const checkColumns = `
  ${isoText('checked_at')} AS "checkedAt", outcome, evidence, consecutive, act, opportunity_id AS "opportunityId"`;

/**
 * Enters a watch. A second one with the same id is refused (WATCH_EXISTS), unless it was entered
 * under the same request key (the creator's Idempotency-Key): the retry of an attempt that got as
 * far as this row, whose schedule may still be missing.
 */
export async function createWatch(
  db: DataSource,
  watch: ServiceWatchDefinition,
  createdBy: string,
  requestKey: string | null = null,
): Promise<void> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO service_watches (id, title, service, department, definition, created_by, created_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [watch.id, watch.title, watch.service, watch.department, JSON.stringify(watch), createdBy, requestKey],
  );
  if (inserted.length > 0) return;
  if (requestKey) {
    const same: unknown[] = await db.query(
      `SELECT 1 FROM service_watches WHERE id = $1 AND created_key = $2`,
      [watch.id, requestKey],
    );
    if (same.length > 0) return;
  }
  throw new RegisterError(RegisterErrorCode.WATCH_EXISTS, `a service watch '${watch.id}' exists already`, [
    { field: 'id', message: 'is taken by another watch' },
  ]);
}

export async function getWatch(db: DataSource | EntityManager, id: string): Promise<WatchSummary> {
  const [row]: WatchSummary[] = await db.query(
    `SELECT ${watchColumns} FROM service_watches w WHERE w.id = $1`,
    [id],
  );
  if (!row) throw watchNotFound(id);
  return row;
}

/** Every watch (a register of services, not of events: hundreds at most), by id, in pages. */
export async function listWatches(
  db: DataSource,
  filter: { service?: string; department?: string; afterId?: string; limit: number },
): Promise<{ items: WatchSummary[]; nextAfterId: string | null }> {
  const items: WatchSummary[] = await db.query(
    `SELECT ${watchColumns} FROM service_watches w
      WHERE ($1::text IS NULL OR w.service = $1) AND ($2::text IS NULL OR w.department = $2)
        AND ($3::text IS NULL OR w.id > $3)
      ORDER BY w.id LIMIT $4`,
    [filter.service ?? null, filter.department ?? null, filter.afterId ?? null, filter.limit],
  );
  return { items, nextAfterId: items.length === filter.limit ? (items.at(-1)?.id ?? null) : null };
}

/** A watch's checks, newest first, before an instant (the previous page's last). */
export async function watchChecks(
  db: DataSource,
  id: string,
  page: { before?: string; limit: number },
): Promise<{ items: WatchCheck[]; nextBefore: string | null }> {
  const items: WatchCheck[] = await db.query(
    `SELECT ${checkColumns} FROM watch_checks
      WHERE watch_id = $1 AND ($2::timestamptz IS NULL OR checked_at < $2)
      ORDER BY checked_at DESC LIMIT $3`,
    [id, page.before ?? null, page.limit],
  );
  return { items, nextBefore: items.length === page.limit ? (items.at(-1)?.checkedAt ?? null) : null };
}

/** Stores pushed samples (validated by the caller); a client key the watch holds already counts once. */
export async function ingestWatchSamples(
  db: DataSource,
  watchId: string,
  samples: readonly PushedWatchSample[],
): Promise<IngestResult> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO watch_samples (watch_id, value, observed_at, client_key)
     SELECT $1, s.value, s.observed_at, s.client_key
       FROM unnest($2::float8[], $3::timestamptz[], $4::text[]) AS s(value, observed_at, client_key)
     ON CONFLICT (watch_id, client_key) DO NOTHING
     RETURNING 1`,
    [
      watchId,
      samples.map((s) => s.value),
      samples.map((s) => s.observedAt),
      samples.map((s) => s.clientKey ?? null),
    ],
  );
  return {
    received: samples.length,
    accepted: inserted.length,
    duplicates: samples.length - inserted.length,
  };
}

/** The values pushed to a watch over [from, to). */
export async function watchSampleValues(
  db: DataSource,
  watchId: string,
  period: { from: string; to: string },
): Promise<number[]> {
  const [row]: { values: number[] }[] = await db.query(
    `SELECT COALESCE(array_agg(value), '{}') AS values FROM watch_samples
      WHERE watch_id = $1 AND observed_at >= $2 AND observed_at < $3`,
    [watchId, period.from, period.to],
  );
  return row?.values ?? [];
}

/**
 * Records one check, keyed by (watch, instant), in one transaction: a check recorded already
 * answers with what it did (a retried activity changes nothing). Otherwise the watch's breach
 * count moves on (`nextWatchState`), and N breaches in a row raise an opportunity, or add the
 * watch's support and the evidence to the open one it raised, and a recovery is noted on it once.
 * The watch's row is locked, so its checks apply one at a time.
 */
export async function recordWatchCheck(
  db: DataSource,
  input: { watchId: string; checkedAt: string; evidence: WatchEvidence },
  weights: PriorityWeights,
): Promise<WatchCheckResult> {
  const { watchId, checkedAt, evidence } = input;
  return db.transaction(async (tx) => {
    const [watch]: WatchSummary[] = await tx.query(
      `SELECT ${watchColumns} FROM service_watches w WHERE w.id = $1 FOR UPDATE OF w`,
      [watchId],
    );
    if (!watch) throw watchNotFound(watchId);
    const [stored]: WatchCheck[] = await tx.query(
      `SELECT ${checkColumns} FROM watch_checks WHERE watch_id = $1 AND checked_at = $2`,
      [watchId, checkedAt],
    );
    if (stored) return { ...stored, watchId, replayed: true };
    // A late retry of a check older than the last one: kept in the history, it moves nothing.
    const stale = watch.lastCheckedAt !== null && Date.parse(watch.lastCheckedAt) > Date.parse(checkedAt);
    const next = stale
      ? { consecutive: watch.consecutiveBreaches, act: 'none' as const }
      : nextWatchState(
          watch.consecutiveBreaches,
          evidence.outcome,
          watch.definition.consecutiveChecks,
          watch.openOpportunityId !== null,
        );
    const done = await carryOut(tx, watch, next, input, weights);
    if (!stale) {
      await tx.query(
        `UPDATE service_watches SET consecutive_breaches = $2, last_checked_at = $3, last_outcome = $4,
                                    last_evidence = $5
          WHERE id = $1`,
        [watchId, next.consecutive, checkedAt, evidence.outcome, JSON.stringify(evidence)],
      );
    }
    const [recorded]: { checkedAt: string }[] = await tx.query(
      `INSERT INTO watch_checks (watch_id, checked_at, outcome, evidence, consecutive, act, opportunity_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${isoText('checked_at')} AS "checkedAt"`,
      [
        watchId,
        checkedAt,
        evidence.outcome,
        JSON.stringify(evidence),
        next.consecutive,
        done.act,
        done.opportunityId,
      ],
    );
    return {
      watchId,
      checkedAt: recorded?.checkedAt ?? checkedAt,
      outcome: evidence.outcome,
      evidence,
      consecutive: next.consecutive,
      ...done,
      replayed: false,
    };
  });
}

/** What the check does to the watch's opportunity; the act as carried out (a recovery noted already is none). */
async function carryOut(
  tx: EntityManager,
  watch: WatchSummary,
  next: { consecutive: number; act: WatchAct },
  check: { checkedAt: string; evidence: WatchEvidence },
  weights: PriorityWeights,
): Promise<{ act: WatchAct; opportunityId: string | null }> {
  const who: OpportunityActor = { actor: watcherOf(watch.id), role: null, requestId: null };
  const details = { checkedAt: check.checkedAt, consecutive: next.consecutive, evidence: check.evidence };
  const open = watch.openOpportunityId;
  if (next.act === 'raise') {
    const id = await nextOpportunityId(tx, watch.id);
    try {
      const opportunity = {
        ...opportunityOfBreach({ ...watch.definition, ...watch }, check.evidence),
        id,
        raisedBy: who.actor,
        watchId: watch.id,
      };
      await raiseOpportunity(tx, opportunity, weights, who, details);
      return { act: 'raise', opportunityId: id };
    } catch (error) {
      // The register holds one open opportunity per watch: one opened meanwhile is added to.
      const other = isOpenWatchConflict(error) ? (await getWatch(tx, watch.id)).openOpportunityId : null;
      if (!other) throw error;
      return carryOut(
        tx,
        { ...watch, openOpportunityId: other },
        { ...next, act: 'support' },
        check,
        weights,
      );
    }
  }
  if (next.act === 'support' && open) {
    await supportOpportunity(
      tx,
      { id: open, person: who.actor, comment: check.evidence.reason },
      weights,
      who,
    );
    await recordOpportunityEvent(tx, open, 'watch-breach', who, details);
    return { act: 'support', opportunityId: open };
  }
  if (next.act === 'recovered' && open) {
    const [last]: { action: string }[] = await tx.query(
      `SELECT action FROM opportunity_events
        WHERE opportunity_id = $1 AND action IN ('watch-breach', 'watch-recovered')
        ORDER BY id DESC LIMIT 1`,
      [open],
    );
    if (last?.action === 'watch-recovered') return { act: 'none', opportunityId: null };
    await recordOpportunityEvent(tx, open, 'watch-recovered', who, details);
    return { act: 'recovered', opportunityId: open };
  }
  return { act: 'none', opportunityId: null };
}

/** The watch as the actor of what it does to opportunities (and as their supporter). */
export const watcherOf = (watchId: string) => `watch:${watchId}`;

/** `o-watch-<watch>-<n>`: the n-th opportunity the watch raised (its row is locked meanwhile). */
async function nextOpportunityId(tx: EntityManager, watchId: string): Promise<string> {
  const [row]: { n: number }[] = await tx.query(
    `SELECT count(*)::int AS n FROM opportunities WHERE watch_id = $1`,
    [watchId],
  );
  return `o-watch-${watchId}-${(row?.n ?? 0) + 1}`;
}

function isOpenWatchConflict(error: unknown): boolean {
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'uq_opportunities_open_watch';
}
