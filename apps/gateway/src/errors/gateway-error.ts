import { HttpStatus } from '@nestjs/common';

/** One problem with the request, named by its field (e.g. `samples[3].value`). */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/** The gateway's error body, the same for every error: `{ code, message, details, requestId }`. */
export interface ErrorBody {
  code: string;
  message: string;
  details: ErrorDetail[];
  requestId: string;
}

/** An error with an HTTP status and a stable code; the exception filter renders it. */
export class GatewayError extends Error {
  override name = 'GatewayError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  static unauthenticated(message: string) {
    return new GatewayError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message);
  }

  static forbidden(code: string, message: string) {
    return new GatewayError(HttpStatus.FORBIDDEN, code, message);
  }

  static invalid(message: string, details: ErrorDetail[]) {
    return new GatewayError(HttpStatus.BAD_REQUEST, 'INVALID_INPUT', message, details);
  }

  static unavailable(code: string, message: string) {
    return new GatewayError(HttpStatus.SERVICE_UNAVAILABLE, code, message);
  }
}
