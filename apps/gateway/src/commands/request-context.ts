import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';

/** Who asks, under which request id, and (for writes) the client's Idempotency-Key. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  idempotencyKey: string | undefined;
  /** Method, route and body: a key reused for a different request is refused. */
  fingerprint: string;
  /** The person the caller says they act for (the On-Behalf-Of header), not yet checked. */
  onBehalfOf?: string | undefined;
}

/** Method, route, body, and whom the request acts for when it names someone. */
export function fingerprintOf(method: string, path: string, body: unknown, onBehalfOf?: string): string {
  const acting = onBehalfOf === undefined ? '' : `\non-behalf-of: ${onBehalfOf}`;
  return createHash('sha256')
    .update(`${method} ${path}${acting}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/** The workflow update id of a keyed request: the same key from the same caller is the same update. */
export function updateIdOf(context: RequestContext): string | undefined {
  if (!context.idempotencyKey) return undefined;
  return `idem-${createHash('sha256').update(`${context.principal.user}\n${context.idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

/**
 * The id of a record a request creates: from the caller and the Idempotency-Key when it has one
 * (so a retry names the same record), else random. `prefix-` and at most 20 more characters when
 * `short`, for ids other ids are built from.
 */
export function newIdOf(context: RequestContext, prefix: string, options: { short?: boolean } = {}): string {
  const random = options.short ? randomUUID().slice(0, 20) : randomUUID();
  if (!context.idempotencyKey) return `${prefix}-${random}`;
  const hash = createHash('sha256')
    .update(`${context.principal.user}\n${context.idempotencyKey}`)
    .digest('hex');
  return `${prefix}-${hash.slice(0, 20)}`;
}
