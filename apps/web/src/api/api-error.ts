import type { ErrorBody } from './types';

/** Not an answer of the gateway: the request never got one (offline, refused, cut off). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/**
 * A refused or failed request, as the gateway's error body says it: `{ code, message, details,
 * requestId }`. The request id stays with it so that a person can quote it to support.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorBody['details'] = [],
    readonly requestId: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    const retryAfter = Number(response.headers.get('retry-after'));
    const requestId = response.headers.get('x-request-id');
    const retry = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
    if (isErrorBody(body)) {
      return new ApiError(response.status, body.code, body.message, body.details, body.requestId, retry);
    }
    return new ApiError(
      response.status,
      `HTTP_${response.status}`,
      response.statusText,
      [],
      requestId,
      retry,
    );
  }

  static network(cause: unknown): ApiError {
    return new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }

  /** Worth trying again with the same Idempotency-Key: no answer, or the gateway asked to. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 429;
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ErrorBody).code === 'string' &&
    typeof (body as ErrorBody).message === 'string'
  );
}
