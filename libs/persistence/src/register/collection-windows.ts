import type { DataSource, EntityManager } from 'typeorm';
import type { KpiSource } from '@cio/contracts';
import { isoText } from './initiative-queries';

/** A pulled sample: its value at an instant of the collection step. */
export interface PulledSampleRow {
  observedAt: string;
  value: number;
}

/** Client keys the register gives the samples it makes itself; a push may not use them. */
export const RESERVED_KEY_PREFIXES = ['pull:', 'feedback:'] as const;

/** A pulled sample's key: one sample per KPI and instant, whoever pulled it and how often. */
export const pulledSampleKey = (kpi: string, observedAt: string) =>
  `pull:${kpi}:${new Date(observedAt).toISOString()}`;

/** A window due for a pull, leased to the caller. */
export interface DueWindow {
  initiativeId: string;
  kpi: string;
  source: Exclude<KpiSource, { kind: 'feedback' }>;
  windowFrom: string;
  windowTo: string;
  collectedUntil: string;
}

/** What the register knows of a KPI's collection: the current window, how far, the last failure. */
export interface CollectionStatus {
  kpi: string;
  dataSource: string;
  windowFrom: string;
  windowTo: string;
  open: boolean;
  collectedUntil: string;
  lastPullAt: string | null;
  lastError: string | null;
  failingSince: string | null;
}

/**
 * Keeps the initiative's open window in the register for each of its pulled KPIs (a new window,
 * or the same window moved by a pause), and closes the others: the collector pulls open ones.
 */
export async function projectOpenWindow(
  tx: EntityManager,
  initiativeId: string,
  window: { from: string; to: string } | null,
): Promise<void> {
  await tx.query(
    `UPDATE collection_windows SET open = false
      WHERE initiative_id = $1 AND open AND ($2::timestamptz IS NULL OR window_from <> $2::timestamptz)`,
    [initiativeId, window?.from ?? null],
  );
  if (!window) return;
  await tx.query(
    `INSERT INTO collection_windows (initiative_id, kpi, source, window_from, window_to, collected_until)
     SELECT i.id, k->>'name', k->'source', $2, $3, $2
       FROM initiatives i, jsonb_array_elements(i.definition->'kpis') k
      WHERE i.id = $1 AND k ? 'source' AND k->'source'->>'kind' <> 'feedback'
     ON CONFLICT (initiative_id, kpi, window_from) DO UPDATE SET window_to = EXCLUDED.window_to, open = true
       WHERE collection_windows.window_to IS DISTINCT FROM EXCLUDED.window_to OR NOT collection_windows.open`,
    [initiativeId, window.from, window.to],
  );
}

/**
 * Stores pulled samples, one per KPI and instant: a sample pulled again is stored once, with the
 * value of the latest pull (the window's backfill corrects a value the source revised after an
 * earlier pull, e.g. a late scrape). Returns how many were new.
 */
export async function storePulledSamples(
  db: DataSource,
  pull: { initiativeId: string; kpi: string; dataSource: string; samples: readonly PulledSampleRow[] },
): Promise<number> {
  if (pull.samples.length === 0) return 0;
  const rows: unknown[] = await db.query(
    `INSERT INTO measurements (initiative_id, kpi, value, observed_at, source, client_key)
     SELECT $1, $2, s.value, s.observed_at, $3, s.key
       FROM unnest($4::float8[], $5::timestamptz[], $6::text[]) AS s(value, observed_at, key)
     ON CONFLICT ON CONSTRAINT uq_measurements_client_key
       DO UPDATE SET value = EXCLUDED.value WHERE measurements.value IS DISTINCT FROM EXCLUDED.value
     RETURNING (xmax = 0) AS inserted`,
    [
      pull.initiativeId,
      pull.kpi,
      pull.dataSource,
      pull.samples.map((s) => s.value),
      pull.samples.map((s) => s.observedAt),
      pull.samples.map((s) => pulledSampleKey(pull.kpi, s.observedAt)),
    ],
  );
  return (rows as { inserted: boolean }[]).filter((r) => r.inserted).length;
}

/**
 * Leases open windows with samples still to collect to the caller: their next pull moves past
 * the lease, and windows another worker is claiming are skipped (FOR UPDATE SKIP LOCKED).
 */
export async function claimDueWindows(
  db: DataSource,
  claim: { limit: number; leaseMs: number },
): Promise<DueWindow[]> {
  const [rows]: [DueWindow[], number] = await db.query(
    `WITH due AS (
       SELECT initiative_id, kpi, window_from FROM collection_windows
        WHERE open AND next_pull_at <= now() AND collected_until < LEAST(now(), window_to)
        ORDER BY next_pull_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE collection_windows w
        SET next_pull_at = now() + $2::float8 * interval '1 millisecond',
            lease_until = now() + $2::float8 * interval '1 millisecond'
       FROM due
      WHERE w.initiative_id = due.initiative_id AND w.kpi = due.kpi AND w.window_from = due.window_from
     RETURNING w.initiative_id AS "initiativeId", w.kpi, w.source, ${isoText('w.window_from')} AS "windowFrom",
               ${isoText('w.window_to')} AS "windowTo", ${isoText('w.collected_until')} AS "collectedUntil"`,
    [claim.limit, claim.leaseMs],
  );
  return rows;
}

/** A pull went through: samples are collected until `until`; the next one after `nextInMs`. */
export async function recordPull(
  db: DataSource,
  pull: { initiativeId: string; kpi: string; windowFrom: string; until: string; nextInMs: number },
): Promise<void> {
  await db.query(
    `UPDATE collection_windows
        SET collected_until = GREATEST(collected_until, $4::timestamptz), last_pull_at = now(),
            last_error = NULL, failing_since = NULL, lease_until = NULL,
            next_pull_at = now() + $5::float8 * interval '1 millisecond'
      WHERE initiative_id = $1 AND kpi = $2 AND window_from = $3`,
    [pull.initiativeId, pull.kpi, pull.windowFrom, pull.until, pull.nextInMs],
  );
}

/** A pull failed: the failure is kept (with since when), and the next pull comes after a backoff. */
export async function recordPullFailure(
  db: DataSource,
  failure: { initiativeId: string; kpi: string; windowFrom: string; error: string; retryInMs: number },
): Promise<void> {
  await db.query(
    `UPDATE collection_windows
        SET last_error = $4, failing_since = COALESCE(failing_since, now()), lease_until = NULL,
            next_pull_at = now() + $5::float8 * interval '1 millisecond'
      WHERE initiative_id = $1 AND kpi = $2 AND window_from = $3`,
    [failure.initiativeId, failure.kpi, failure.windowFrom, failure.error, failure.retryInMs],
  );
}

/** The KPIs' collection of the initiative's latest windows, newest first. */
export async function collectionStatus(db: DataSource, initiativeId: string): Promise<CollectionStatus[]> {
  return db.query(
    `SELECT DISTINCT ON (kpi) kpi, source->>'dataSource' AS "dataSource",
            ${isoText('window_from')} AS "windowFrom", ${isoText('window_to')} AS "windowTo", open,
            ${isoText('collected_until')} AS "collectedUntil", ${isoText('last_pull_at')} AS "lastPullAt",
            last_error AS "lastError", ${isoText('failing_since')} AS "failingSince"
       FROM collection_windows WHERE initiative_id = $1
      ORDER BY kpi, window_from DESC`,
    [initiativeId],
  );
}
