import type { Delegation, DirectoryPerson } from '../api/types';

/** How a person is named on a page: their name in the directory, else their id. */
export function personLabel(
  person: Pick<DirectoryPerson, 'id' | 'displayName'> | undefined,
  id: string,
): string {
  return person?.displayName ?? id;
}

/** Where a delegation stands at `now`: ended early, over, running, or yet to start. */
export type DelegationStatus = 'revoked' | 'ended' | 'running' | 'upcoming';

export function delegationStatus(delegation: Delegation, now: number): DelegationStatus {
  if (delegation.revokedAt) return 'revoked';
  if (Date.parse(delegation.endsAt) <= now) return 'ended';
  return Date.parse(delegation.startsAt) <= now ? 'running' : 'upcoming';
}

/** Not over yet: running, or yet to start (what its delegator may still end). */
export function delegationOpen(delegation: Delegation, now: number): boolean {
  const status = delegationStatus(delegation, now);
  return status === 'running' || status === 'upcoming';
}
