import type { DirectoryPerson } from '../api/types';
import { delegationStatus } from '../people/person-label';
import { delegationFieldOf, newDelegationForm, toDelegationBody } from './delegation-form';

const alice: DirectoryPerson = {
  id: 'alice',
  email: null,
  displayName: 'Alice',
  locale: 'en',
  roles: ['agent'],
  departments: ['customer-service'],
  source: 'token',
  lastSeenAt: null,
  updatedAt: '2026-12-01T09:00:00Z',
};

describe('the delegation form', () => {
  it('starts now, to the minute, with nobody and no end chosen', () => {
    // In the browser's time zone, as the datetime-local field shows it.
    const form = newDelegationForm(new Date(2026, 11, 1, 9, 30, 45).getTime());
    expect(form).toEqual({ delegate: null, startsAt: '2026-12-01T09:30', endsAt: '', reason: '' });
  });

  it('sends whom it picked, the two instants and the reason', () => {
    const result = toDelegationBody({
      delegate: alice,
      startsAt: '2026-12-21T00:00',
      endsAt: '2027-01-04T00:00',
      reason: '  On leave over the holidays ',
    });
    expect(result).toEqual({
      body: {
        delegate: 'alice',
        startsAt: new Date('2026-12-21T00:00').toISOString(),
        endsAt: new Date('2027-01-04T00:00').toISOString(),
        reason: 'On leave over the holidays',
      },
      problems: null,
    });
  });

  it('names each missing field, and an end not after the start', () => {
    expect(toDelegationBody(newDelegationForm()).problems).toEqual({
      delegate: 'delegate',
      endsAt: 'required',
      reason: 'required',
    });
    const backwards = toDelegationBody({
      delegate: alice,
      startsAt: '2026-12-21T10:00',
      endsAt: '2026-12-21T09:00',
      reason: 'away',
    });
    expect(backwards.problems).toEqual({ endsAt: 'afterStart' });
    expect(
      toDelegationBody({ delegate: alice, startsAt: 'soon', endsAt: '2026-12-21T09:00', reason: 'x' })
        .problems,
    ).toEqual({ startsAt: 'instant' });
  });

  it('places the API’s errors at its fields', () => {
    expect(['delegate', 'startsAt', 'endsAt', 'reason', 'On-Behalf-Of'].map(delegationFieldOf)).toEqual([
      'delegate',
      'startsAt',
      'endsAt',
      'reason',
      null,
    ]);
  });
});

describe('a delegation', () => {
  const delegation = {
    id: '1',
    delegator: 'li',
    delegate: 'alice',
    startsAt: '2026-12-01T09:00:00Z',
    endsAt: '2026-12-02T09:00:00Z',
    reason: 'away',
    createdAt: '2026-12-01T08:00:00Z',
    revokedAt: null,
  };
  it('is upcoming, running, then ended; ended early once revoked', () => {
    const at = (iso: string) => delegationStatus(delegation, Date.parse(iso));
    expect([at('2026-12-01T08:59:59Z'), at('2026-12-01T09:00:00Z'), at('2026-12-02T09:00:00Z')]).toEqual([
      'upcoming',
      'running',
      'ended',
    ]);
    expect(delegationStatus({ ...delegation, revokedAt: '2026-12-01T10:00:00Z' }, 0)).toBe('revoked');
  });
});
