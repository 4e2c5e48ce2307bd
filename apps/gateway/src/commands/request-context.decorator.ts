import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ON_BEHALF_OF_HEADER } from '@cio/contracts';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GatewayError } from '../errors/gateway-error';
import { fingerprintOf, type RequestContext } from './request-context';

/** 1–200 printable ASCII characters, no spaces (also what /openapi.json documents). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** A person's id as a header carries it: 1–200 printable ASCII characters, not starting or ending blank. */
export const PERSON_ID_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/** The On-Behalf-Of header (validated), or undefined when the request does not send it. */
function onBehalfOfHeader(request: AuthenticatedRequest): string | undefined {
  const header = request.headers[ON_BEHALF_OF_HEADER];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined) return undefined;
  if (!PERSON_ID_PATTERN.test(value)) {
    throw GatewayError.invalid('On-Behalf-Of must name a person', [
      { field: 'On-Behalf-Of', message: 'must be a person’s id: 1–200 printable ASCII characters' },
    ]);
  }
  return value;
}

/** The caller, the request id, the Idempotency-Key and the On-Behalf-Of of the request (validated). */
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
  const onBehalfOf = onBehalfOfHeader(request);
  return {
    principal,
    requestId: String(request.id ?? ''),
    idempotencyKey: key,
    // Only a keyed request is compared with an earlier one.
    fingerprint:
      key === undefined ? '' : fingerprintOf(request.method, request.path, request.body, onBehalfOf),
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
  };
});
