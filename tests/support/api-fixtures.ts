import type { InitiativePolicy } from '@cio/contracts';
import { retailerInitiative } from '@cio/testing';

/** The retailer initiative as the create body of the API, with the given policy changes. */
export function retailerBody(id: string, policy: Partial<InitiativePolicy> = {}) {
  const { owner: _owner, ...definition } = retailerInitiative(id);
  return { ...definition, policy: { ...definition.policy, ...policy } };
}

/** The people of the retailer scenario as token claims. */
export const people = {
  maria: { sub: 'maria', roles: ['improvement-manager'], departments: ['customer-service'] },
  li: { sub: 'li', roles: ['cs-lead'], departments: ['customer-service'] },
  omar: { sub: 'omar', roles: ['change-board'], departments: ['it'] },
  ivan: { sub: 'ivan', roles: ['engineer'], departments: ['it'] },
  alice: { sub: 'alice', roles: ['agent'], departments: ['customer-service'] },
  bob: { sub: 'bob', roles: ['agent'], departments: ['customer-service'] },
  chen: { sub: 'chen', roles: ['agent'], departments: ['customer-service'] },
  fatima: { sub: 'fatima', roles: ['accountant'], departments: ['finance'] },
  root: { sub: 'root', roles: ['admin'], departments: [] },
  monitor: { sub: 'monitoring', roles: ['tool'], departments: ['customer-service'] },
};
