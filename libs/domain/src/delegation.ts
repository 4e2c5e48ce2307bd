import { type FieldProblem, InitiativeErrorCode as Code, type Refusal } from '@cio/contracts';

/** The longest delegation: a leap year's absence. */
export const MAX_DELEGATION_DAYS = 366;

const DAY_MS = 86_400_000;

/** What someone asks for when they hand their waits to a delegate while they are away. */
export interface DelegationRequest {
  delegator: string;
  delegate: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  /** Whom the request itself was sent on behalf of (the On-Behalf-Of header), if anyone. */
  onBehalfOf?: string | undefined;
}

/**
 * Why a delegation may not be given, or null. It is the delegator's own act: a delegate acting
 * for them cannot pass it on (one hop only). It needs a reason, another person, and a range that
 * ends after it starts, in the future, at most MAX_DELEGATION_DAYS long. Whether the delegate is
 * in the directory, and whether another delegation overlaps, is the register's to say.
 */
export function refuseDelegation(request: DelegationRequest, now: Date): Refusal | null {
  if (request.onBehalfOf !== undefined) {
    return {
      code: Code.ROLE_NOT_ALLOWED,
      message: 'a delegate cannot delegate onward: only the delegator gives a delegation',
      problems: [{ field: 'On-Behalf-Of', message: 'send this as yourself, without On-Behalf-Of' }],
    };
  }
  if (!request.reason.trim()) {
    return {
      code: Code.REASON_REQUIRED,
      message: 'a delegation needs a reason',
      problems: [{ field: 'reason', message: 'is required' }],
    };
  }
  const problems: FieldProblem[] = [];
  if (request.delegate === request.delegator)
    problems.push({ field: 'delegate', message: 'must be someone other than yourself' });
  const starts = Date.parse(request.startsAt);
  const ends = Date.parse(request.endsAt);
  if (Number.isNaN(starts)) problems.push({ field: 'startsAt', message: 'is not an ISO instant' });
  if (Number.isNaN(ends)) problems.push({ field: 'endsAt', message: 'is not an ISO instant' });
  if (!Number.isNaN(starts) && !Number.isNaN(ends)) {
    if (ends <= starts) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
    else if (ends - starts > MAX_DELEGATION_DAYS * DAY_MS)
      problems.push({
        field: 'endsAt',
        message: `must be at most ${MAX_DELEGATION_DAYS} days after startsAt`,
      });
  }
  if (!Number.isNaN(ends) && ends <= now.getTime())
    problems.push({ field: 'endsAt', message: 'must be in the future' });
  const [first] = problems;
  return first
    ? { code: Code.INVALID_DEFINITION, message: `${first.field} ${first.message}`, problems }
    : null;
}
