import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

type WithId = IncomingMessage & { id?: unknown };

/**
 * The request's id: the caller's X-Request-Id when it is a sane token, otherwise a new UUID, set
 * once per request (on `request.id`, where pino-http and the error filter read it) and echoed in
 * the X-Request-Id header of every answer.
 */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const known = (request as WithId).id;
  if (typeof known === 'string' && known !== '') return known;
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  (request as WithId).id = id;
  response.setHeader('X-Request-Id', id);
  return id;
}

/** The first middleware: every answer, even a refused body that never reaches a route, has the id. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  requestIdOf(request, response);
  next();
}
