import { retailerInitiative } from '@cio/testing';
import { InitiativeAccessCache } from './initiative-access';

describe('InitiativeAccessCache', () => {
  const { kpis, policy } = retailerInitiative('x');
  const entry = {
    department: 'customer-service',
    policyRoles: ['cs-lead', 'change-board'],
    definition: { kpis, policy },
  };
  const person = (roles: string[], departments: string[]) => ({ user: 'u', roles, departments });

  it('settles access only for reasons that never change: the department or a policy role', () => {
    const cache = new InitiativeAccessCache();
    cache.remember('a', entry);
    expect(cache.lookup(person(['agent'], ['customer-service']), 'a')).toBe(entry);
    expect(cache.lookup(person(['change-board'], ['it']), 'a')).toBe(entry);
    // Anyone else goes to the register (they may see it because it waits on them, or not at all).
    expect(cache.lookup(person(['engineer'], ['it']), 'a')).toBeUndefined();
    expect(cache.lookup(person(['cs-lead'], []), 'unknown')).toBeUndefined();
  });

  it('forgets the oldest entry beyond its capacity', () => {
    const cache = new InitiativeAccessCache(2);
    cache.remember('a', entry);
    cache.remember('b', entry);
    cache.remember('c', entry);
    const lead = person(['cs-lead'], []);
    expect([cache.lookup(lead, 'a'), cache.lookup(lead, 'b'), cache.lookup(lead, 'c')]).toEqual([
      undefined,
      entry,
      entry,
    ]);
  });
});
