import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GatewayError } from '../errors/gateway-error';
import { fingerprintOf, type RequestContext } from './request-context';

/** 1–200 printable ASCII characters, no spaces (also what /openapi.json documents). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The caller, the request id and the Idempotency-Key of the request (validated). */
export const Context = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: unknown }>();
  const principal = request.principal;
  if (!principal) throw new Error('Context used on a public route');
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw GatewayError.invalid('Idempotency-Key must be 1–200 printable ASCII characters', [
      { field: 'Idempotency-Key', message: 'must be 1–200 printable ASCII characters without spaces' },
    ]);
  }
  return {
    principal,
    requestId: String(request.id ?? ''),
    idempotencyKey: key,
    // Only a keyed request is compared with an earlier one.
    fingerprint: key === undefined ? '' : fingerprintOf(request.method, request.path, request.body),
  };
});
