import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { api, unwrap } from '../api/client';
import type { WorkItem } from '../api/types';
import type { Person } from '../auth/claims';
import { useSession } from '../auth/session';
import { useMe } from '../people/queries';
import { arrangeWork } from './work-items';

/** My work is refreshed this often (and whenever the window gets focus). */
export const MY_WORK_REFRESH_MS = 10_000;

export const myWorkQuery = queryOptions({
  queryKey: ['work'],
  queryFn: ({ signal }) => unwrap(api.GET('/me/work', { params: { query: { limit: 200 } }, signal })),
  refetchInterval: MY_WORK_REFRESH_MS,
  refetchOnWindowFocus: true,
});

/**
 * What waits on the signed-in person, and on whom they stand in for, arranged (the header's count
 * and the page share it).
 */
export function useMyWork() {
  const person = useSession()?.person;
  const me = useMe();
  const standingInFor = me.data?.standingInFor;
  const delegators = useMemo(
    (): Person[] =>
      (standingInFor ?? []).map((p) => ({
        sub: p.id,
        name: p.displayName,
        roles: p.roles,
        departments: p.departments,
      })),
    [standingInFor],
  );
  const select = useCallback(
    (data: { items: WorkItem[] }) =>
      person
        ? arrangeWork(data.items, person, delegators)
        : { actionable: [], watching: [], unknownDelegators: [] },
    [person, delegators],
  );
  const work = useQuery({ ...myWorkQuery, select, enabled: !!person });
  // Someone has delegated to the caller since /me was read: read it again, to know their roles.
  const unknown = work.data?.unknownDelegators.join('\n') ?? '';
  const { refetch } = me;
  useEffect(() => {
    if (unknown) void refetch();
  }, [unknown, work.dataUpdatedAt, refetch]);
  return work;
}
