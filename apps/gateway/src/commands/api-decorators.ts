import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ErrorBodySchema } from '../errors/error-body.schema';
import { InitiativeStateSchema } from '../schemas/state.schemas';
import { IDEMPOTENCY_KEY_PATTERN, PERSON_ID_PATTERN } from './request-context.decorator';

/** The header of every 429. */
const RETRY_AFTER = {
  description: 'Seconds until this caller may send to the route again.',
  required: true,
  schema: { type: 'integer' as const, minimum: 0 },
};

/** The error answers every guarded route can give, with the common error body. */
export function ApiErrors(...statuses: number[]) {
  const described: Record<number, string> = {
    400: 'Invalid input; `details` names each bad field.',
    401: 'No token, or an invalid, expired or wrongly signed one.',
    403: 'The caller lacks the role or department this needs; recorded in the audit trail.',
    404: 'No such initiative, or one the caller may not see.',
    409: 'Not possible in the initiative’s current phase (the code says why).',
    413: 'The body is larger than GATEWAY_BODY_LIMIT_BYTES.',
    422: 'Well-formed but refused (e.g. an Idempotency-Key reused for another request).',
    429: 'Too many requests from this caller (commands: GATEWAY_WRITE_RATE_LIMIT a minute; measurements and feedback: GATEWAY_INGEST_RATE_LIMIT); retry after `Retry-After` seconds.',
    503: 'PostgreSQL or Temporal is unreachable; retry.',
  };
  return applyDecorators(
    ApiBearerAuth(),
    ...[401, 503, ...statuses].map((status) =>
      ApiResponse({
        status,
        description: described[status] ?? 'Error',
        standardSchema: ErrorBodySchema,
        ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
      }),
    ),
  );
}

/** The optional Idempotency-Key header of state-changing routes. */
export function ApiIdempotencyKey() {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
    description:
      'A client-chosen key (1–200 printable characters). A retry with the same key and body gets the same answer and counts once; the same key with a different body is refused with 422.',
  });
}

/** The optional On-Behalf-Of header of the routes that act for someone under their delegation. */
export function ApiOnBehalfOf() {
  return ApiHeader({
    name: 'On-Behalf-Of',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 200, pattern: PERSON_ID_PATTERN.source },
    description:
      'Act as the delegate of this person, under their delegation to you running now (POST /me/delegations): with their roles and departments as the directory has them (never your own), recorded "by you on behalf of them". No such delegation, or your own id: 403 NOT_DELEGATED (a command’s refusal is recorded in the trail).',
  });
}

/** A state-changing call on an initiative: it answers with the new state, or one of its refusals. */
export function ApiInitiativeCommand(summary: string) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiIdempotencyKey(),
    ApiOnBehalfOf(),
    ApiResponse({ status: 200, description: 'The new state.', standardSchema: InitiativeStateSchema }),
    ApiErrors(400, 403, 404, 409, 422, 429),
  );
}
