import type { DataSource } from 'typeorm';

export type IdempotencyClaim =
  /** First use of the key (or an earlier attempt that never got an answer): go ahead. */
  | { kind: 'proceed' }
  /** Answered before: give the same answer. */
  | { kind: 'replay'; statusCode: number; response: unknown }
  /** The key was used with a different request. */
  | { kind: 'mismatch' };

/** Claims a caller's Idempotency-Key for a request fingerprint. */
export async function claimIdempotencyKey(
  db: DataSource,
  principal: string,
  key: string,
  fingerprint: string,
): Promise<IdempotencyClaim> {
  await db.query(
    `INSERT INTO idempotency_keys (principal, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [principal, key, fingerprint],
  );
  const [row]: { fingerprint: string; status_code: number | null; response: unknown }[] = await db.query(
    `SELECT fingerprint, status_code, response FROM idempotency_keys WHERE principal = $1 AND key = $2`,
    [principal, key],
  );
  if (!row || row.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (row.status_code !== null)
    return { kind: 'replay', statusCode: row.status_code, response: row.response };
  return { kind: 'proceed' };
}

/** Stores the answer; the first answer stored wins, so concurrent retries agree. */
export async function completeIdempotencyKey(
  db: DataSource,
  principal: string,
  key: string,
  statusCode: number,
  response: unknown,
): Promise<{ statusCode: number; response: unknown }> {
  // TypeORM answers an UPDATE … RETURNING with [rows, affected].
  const [rows]: [{ status_code: number; response: unknown }[], number] = await db.query(
    `UPDATE idempotency_keys
        SET status_code = COALESCE(status_code, $3), response = COALESCE(response, $4::jsonb),
            completed_at = COALESCE(completed_at, now())
      WHERE principal = $1 AND key = $2
      RETURNING status_code, response`,
    [principal, key, statusCode, JSON.stringify(response)],
  );
  const row = rows[0];
  return row ? { statusCode: row.status_code, response: row.response } : { statusCode, response };
}
