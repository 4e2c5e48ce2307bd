import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { BacklogFilters } from './filters';

/** One page of the backlog: enough that the matrix usually sees all of it. */
export const BACKLOG_PAGE_SIZE = 100;

export const opportunityKeys = {
  /** Every list: the backlog's pages and the similar-title look-ups. */
  lists: ['opportunities'] as const,
  backlog: (filters: BacklogFilters) => ['opportunities', 'backlog', filters] as const,
  similar: (service: string, title: string) => ['opportunities', 'similar', service, title] as const,
  detail: (id: string) => ['opportunity', id] as const,
  draft: (id: string) => ['opportunity', id, 'draft'] as const,
};

/** The backlog by score (or newest first), filtered by the API: a matrix cell is one query. */
export function backlogQuery(filters: BacklogFilters) {
  return infiniteQueryOptions({
    queryKey: opportunityKeys.backlog(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/opportunities', {
          params: {
            query: { ...filters, limit: BACKLOG_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
}

/** How many opportunities each cell of the value-versus-effort matrix holds, counted by the gateway. */
export function matrixQuery(filters: Omit<BacklogFilters, 'benefitLevel' | 'effort'>) {
  const { sort: _sort, ...query } = filters;
  return queryOptions({
    queryKey: ['opportunities', 'matrix', query] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/opportunities/matrix', { params: { query }, signal })),
    refetchInterval: 30_000,
  });
}

export function opportunityQuery(id: string) {
  return queryOptions({
    queryKey: opportunityKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/opportunities/{id}', { params: { path: { id } }, signal })),
    refetchInterval: 15_000,
  });
}

/** Open opportunities of the service whose titles look like this one (asked while it is typed). */
export function similarQuery(service: string, title: string) {
  return queryOptions({
    queryKey: opportunityKeys.similar(service, title),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/opportunities/similar', { params: { query: { service, title } }, signal })),
    enabled: service !== '' && title !== '',
    staleTime: 10_000,
  });
}

/** The create form of the initiative it would become. */
export function draftQuery(id: string) {
  return queryOptions({
    queryKey: opportunityKeys.draft(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/opportunities/{id}/initiative-draft', { params: { path: { id } }, signal })),
    staleTime: 60_000,
  });
}
