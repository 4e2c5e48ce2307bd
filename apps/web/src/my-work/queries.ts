import { queryOptions, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client';
import type { WorkItem } from '../api/types';
import { useSession } from '../auth/session';
import { arrangeWork } from './work-items';

/** My work is refreshed this often (and whenever the window gets focus). */
export const MY_WORK_REFRESH_MS = 10_000;

export const myWorkQuery = queryOptions({
  queryKey: ['work'],
  queryFn: ({ signal }) => unwrap(api.GET('/me/work', { params: { query: { limit: 200 } }, signal })),
  refetchInterval: MY_WORK_REFRESH_MS,
  refetchOnWindowFocus: true,
});

/** What waits on the signed-in person, arranged (the header's count and the page share it). */
export function useMyWork() {
  const person = useSession()?.person;
  const select = useCallback(
    (data: { items: WorkItem[] }) =>
      person ? arrangeWork(data.items, person) : { actionable: [], watching: [] },
    [person],
  );
  return useQuery({ ...myWorkQuery, select, enabled: !!person });
}
