// The one client of the gateway's API, typed from the contract. Every request goes through its
// middleware: the bearer token of the session, an Idempotency-Key on every write (the caller's
// own when it has one, so that a retry of one intended action counts once), and a 401 ends the
// session so that the person signs in again.
import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../auth/session';
import { ApiError } from './api-error';
import { claimEarlyAnswer, takeEarlyAnswer } from './early-answer';
import { newIdempotencyKey } from './idempotency-key';
import { ON_BEHALF_OF } from './on-behalf-of';
import type { paths } from './schema.gen';

export const IDEMPOTENCY_KEY = 'Idempotency-Key';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('Authorization'))
      request.headers.set('Authorization', `Bearer ${token}`);
    if (WRITES.has(request.method) && !request.headers.has(IDEMPOTENCY_KEY))
      request.headers.set(IDEMPOTENCY_KEY, newIdempotencyKey());
    return request;
  },
  onResponse({ request, response }) {
    const sent = request.headers.get('Authorization');
    // Only the token the session holds now: an answer to an older one says nothing about it.
    if (response.status === 401 && sent && sent === `Bearer ${session.token()}`) session.end('expired');
    return response;
  },
};

claimEarlyAnswer();

export const api = createClient<paths>({
  // The gateway serves the app, so the API is on this origin (Vite's dev server passes it on).
  baseUrl: window.location.origin,
  // Looked up at each call, not once: the tests put their own in place. An initiative page's first
  // read may have been asked for already, while the app loaded (early-data.ts).
  fetch: (request) => takeEarlyAnswer(request) ?? globalThis.fetch(request),
});
api.use(sessionMiddleware);

type Outcome<D> = { data?: D; error?: unknown; response: Response };

/** The answer's body, or an ApiError with the gateway's code, message, field details and request id. */
export async function unwrap<D>(pending: Promise<Outcome<D>>): Promise<D> {
  let outcome: Outcome<D>;
  try {
    outcome = await pending;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiError.network(error);
  }
  if (outcome.error !== undefined || !outcome.response.ok) {
    throw ApiError.fromResponse(outcome.response, outcome.error);
  }
  return outcome.data as D;
}

/** The header that carries an intended action's key. */
export function intent(key: string): { header: { [IDEMPOTENCY_KEY]: string } } {
  return { header: { [IDEMPOTENCY_KEY]: key } };
}

/** The headers of a command on an initiative: its key, and whom it is sent for, if anyone. */
export function acting(
  key: string,
  onBehalfOf: string | undefined,
): { header: { [IDEMPOTENCY_KEY]: string; [ON_BEHALF_OF]?: string } } {
  return { header: { [IDEMPOTENCY_KEY]: key, ...(onBehalfOf ? { [ON_BEHALF_OF]: onBehalfOf } : {}) } };
}

/** The header of a read as the delegate of `onBehalfOf` (what they may do is then theirs). */
export function readingFor(onBehalfOf: string | undefined): { header?: { [ON_BEHALF_OF]: string } } {
  return onBehalfOf ? { header: { [ON_BEHALF_OF]: onBehalfOf } } : {};
}
