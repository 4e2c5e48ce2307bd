import { HttpException, HttpStatus } from '@nestjs/common';
import {
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { RegisterError } from '@cio/persistence';
import { isKnownCode, STATUS_OF_CODE } from './error-codes';
import { type ErrorDetail, GatewayError } from './gateway-error';

/** PostgreSQL could not be reached or answered in time: classes 08 (connection) and 57 (operator). */
function isDatabaseDown(error: unknown): boolean {
  const code =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || code.startsWith('57') || code === 'ECONNREFUSED')
  ) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|connect ETIMEDOUT|Query read timeout/i.test(
    message,
  );
}

/**
 * gRPC UNAVAILABLE (14), DEADLINE_EXCEEDED (4) or RESOURCE_EXHAUSTED (8, e.g. too many updates in
 * flight on one workflow): Temporal is down, too slow or too busy, after the client's retries.
 */
function isTemporalDown(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).code ??
    (error as { cause?: { code?: unknown } }).cause?.code;
  return error instanceof ServiceError && (code === 14 || code === 4 || code === 8);
}

/**
 * Turns anything a handler throws into a GatewayError: refusals keep their code, the rest is 500.
 * A 5xx keeps what was thrown as its cause, so the log says what failed.
 */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const mapped = mapError(error);
  if (mapped.status >= HttpStatus.INTERNAL_SERVER_ERROR) mapped.cause = error;
  return mapped;
}

function mapError(error: unknown): GatewayError {
  if (error instanceof RegisterError) {
    return new GatewayError(STATUS_OF_CODE[error.code], error.code, error.message, error.problems);
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type ?? 'REFUSED';
    const status = isKnownCode(code) ? STATUS_OF_CODE[code] : HttpStatus.CONFLICT;
    return new GatewayError(status, code, error.cause.message, fieldProblems(error.cause.details?.[0]));
  }
  if (error instanceof WorkflowNotFoundError) {
    // Updates on a completed workflow fail as "not found": the initiative is closed.
    return /already completed/i.test(error.message)
      ? new GatewayError(HttpStatus.CONFLICT, 'INITIATIVE_CLOSED', 'the initiative is closed')
      : new GatewayError(HttpStatus.NOT_FOUND, 'INITIATIVE_NOT_FOUND', 'the initiative was not found');
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new GatewayError(
      HttpStatus.CONFLICT,
      'INITIATIVE_EXISTS',
      'an initiative with this id already exists',
    );
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    // Accepted or not, the change may still be applied: only a retry under the same key is safe.
    return GatewayError.unavailable(
      'UPDATE_NOT_CONFIRMED',
      'the initiative did not confirm the change in time (it may still apply it); retry with the same Idempotency-Key',
    );
  }
  if (isTemporalDown(error)) {
    return GatewayError.unavailable(
      'TEMPORAL_UNAVAILABLE',
      'the workflow service is unreachable or busy; retry',
    );
  }
  if (isDatabaseDown(error)) {
    return GatewayError.unavailable('REGISTER_UNAVAILABLE', 'the register database is unreachable; retry');
  }
  if (error instanceof HttpException) return fromHttpException(error);
  return new GatewayError(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'an unexpected error occurred');
}

/** The fields a refusal names (the first detail of the workflow's failure), when it names any. */
function fieldProblems(detail: unknown): ErrorDetail[] {
  if (!Array.isArray(detail)) return [];
  return detail.flatMap((p: { field?: unknown; message?: unknown }) =>
    typeof p?.message === 'string'
      ? [{ ...(typeof p.field === 'string' ? { field: p.field } : {}), message: p.message }]
      : [],
  );
}

const CODE_OF_STATUS: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function fromHttpException(error: HttpException): GatewayError {
  const status = error.getStatus();
  const response = error.getResponse();
  const messages =
    typeof response === 'object' && response !== null && 'message' in response
      ? ([] as unknown[]).concat((response as { message: unknown }).message).map(String)
      : [error.message];
  const details: ErrorDetail[] = messages.length > 1 ? messages.map((message) => ({ message })) : [];
  return new GatewayError(
    status,
    CODE_OF_STATUS[status] ?? `HTTP_${status}`,
    messages[0] ?? error.message,
    details,
  );
}
