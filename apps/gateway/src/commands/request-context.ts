import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal';

/** Who asks, under which request id, and (for writes) the client's Idempotency-Key. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  idempotencyKey: string | undefined;
  /** Method, route and body: a key reused for a different request is refused. */
  fingerprint: string;
}

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/** The workflow update id of a keyed request: the same key from the same caller is the same update. */
export function updateIdOf(context: RequestContext): string | undefined {
  if (!context.idempotencyKey) return undefined;
  return `idem-${createHash('sha256').update(`${context.principal.user}\n${context.idempotencyKey}`).digest('hex').slice(0, 32)}`;
}
