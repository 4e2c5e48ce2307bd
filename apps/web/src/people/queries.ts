import { infiniteQueryOptions, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSession } from '../auth/session';
import type { PeopleFilters } from './filters';

/** One page of the directory, by id. */
export const PEOPLE_PAGE_SIZE = 50;
/** The people a search for a delegate offers at most. */
export const PICKER_MATCHES = 8;

export const peopleKeys = {
  me: ['me'] as const,
  lists: ['people'] as const,
  list: (filters: PeopleFilters) => ['people', 'list', filters] as const,
  search: (text: string) => ['people', 'search', text] as const,
  person: (id: string) => ['person', id] as const,
};

/** The caller as the directory has them, their preferences, delegations and whom they stand in for. */
export const meQuery = queryOptions({
  queryKey: peopleKeys.me,
  queryFn: ({ signal }) => unwrap(api.GET('/me', { signal })),
  staleTime: 30_000,
});

/** The signed-in person's /me, once there is a session. */
export function useMe() {
  const signedIn = !!useSession();
  return useQuery({ ...meQuery, enabled: signedIn });
}

export function peopleQuery(filters: PeopleFilters) {
  return infiniteQueryOptions({
    queryKey: peopleKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/people', {
          params: {
            query: { ...filters, limit: PEOPLE_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The people whose id, name or email holds the text (to pick a delegate from). */
export function peopleMatchingQuery(text: string) {
  return queryOptions({
    queryKey: peopleKeys.search(text),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/people', { params: { query: { q: text, limit: PICKER_MATCHES } }, signal })),
    enabled: text.length > 0,
    staleTime: 30_000,
  });
}

/** One person of the directory (a delegation names people by id: this gives their name). */
export function personQuery(id: string) {
  return queryOptions({
    queryKey: peopleKeys.person(id),
    queryFn: ({ signal }) => unwrap(api.GET('/people/{id}', { params: { path: { id } }, signal })),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
