import { MAX_DELEGATION_DAYS, refuseDelegation } from './delegation';

describe('refuseDelegation', () => {
  const now = new Date('2026-12-01T09:00:00Z');
  const request = {
    delegator: 'li',
    delegate: 'alice',
    startsAt: '2026-12-01T00:00:00Z',
    endsAt: '2026-12-15T00:00:00Z',
    reason: 'on leave',
  };
  const fields = (refusal: ReturnType<typeof refuseDelegation>) => refusal?.problems?.map((p) => p.field);

  it('gives one that starts now or earlier, ends in the future, for a reason, to someone else', () => {
    expect(refuseDelegation(request, now)).toBeNull();
    expect(
      refuseDelegation({ ...request, startsAt: '2027-01-01T00:00:00Z', endsAt: '2027-01-02T00:00:00Z' }, now),
    ).toBeNull();
  });

  it('is the delegator’s own act: sent on someone’s behalf, it is refused whatever else it says', () => {
    const refusal = refuseDelegation({ ...request, reason: '', onBehalfOf: 'omar' }, now);
    expect(refusal).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('onward') });
    expect(fields(refusal)).toEqual(['On-Behalf-Of']);
  });

  it('needs a reason', () => {
    const refusal = refuseDelegation({ ...request, reason: '   ' }, now);
    expect(refusal?.code).toBe('REASON_REQUIRED');
    expect(fields(refusal)).toEqual(['reason']);
  });

  it('names each field of a range that cannot work, and a delegation to yourself', () => {
    expect(refuseDelegation({ ...request, delegate: 'li' }, now)).toMatchObject({
      code: 'INVALID_DEFINITION',
      problems: [{ field: 'delegate', message: 'must be someone other than yourself' }],
    });
    expect(fields(refuseDelegation({ ...request, endsAt: request.startsAt }, now))).toEqual([
      'endsAt',
      'endsAt',
    ]);
    expect(
      refuseDelegation({ ...request, startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-30T00:00:00Z' }, now)
        ?.problems,
    ).toEqual([{ field: 'endsAt', message: 'must be in the future' }]);
    expect(refuseDelegation({ ...request, endsAt: 'soon' }, now)?.problems).toEqual([
      { field: 'endsAt', message: 'is not an ISO instant' },
    ]);
  });

  it(`lasts at most ${MAX_DELEGATION_DAYS} days`, () => {
    const startsAt = Date.parse(request.startsAt);
    const at = (days: number) => new Date(startsAt + days * 86_400_000).toISOString();
    expect(refuseDelegation({ ...request, endsAt: at(MAX_DELEGATION_DAYS) }, now)).toBeNull();
    expect(refuseDelegation({ ...request, endsAt: at(MAX_DELEGATION_DAYS + 0.01) }, now)?.problems).toEqual([
      { field: 'endsAt', message: `must be at most ${MAX_DELEGATION_DAYS} days after startsAt` },
    ]);
  });
});
