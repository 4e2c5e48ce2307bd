import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { ScopeFilters } from '../ui/scope-filters';

/** One page of watches, by id. */
export const WATCHES_PAGE_SIZE = 100;
/** One page of a watch's checks, newest first: its chart shows what is loaded. */
export const CHECKS_PAGE_SIZE = 200;

export const watchKeys = {
  lists: ['watches'] as const,
  list: (filters: ScopeFilters) => ['watches', 'list', filters] as const,
  detail: (id: string) => ['watch', id] as const,
  checks: (id: string) => ['watch', id, 'checks'] as const,
};

export function watchesQuery(filters: ScopeFilters) {
  return infiniteQueryOptions({
    queryKey: watchKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/watches', {
          params: {
            query: { ...filters, limit: WATCHES_PAGE_SIZE, ...(pageParam ? { afterId: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextAfterId ?? undefined,
    refetchInterval: 30_000,
  });
}

/** Whether the caller may create watches: the gateway says so with every page of the list. */
export function mayCreateWatchesQuery() {
  return queryOptions({
    queryKey: ['watches', 'may-create'] as const,
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/watches', { params: { query: { limit: 1 } }, signal }))).mayCreate,
    staleTime: 60_000,
  });
}

/** The watch, its schedule as Temporal has it, and its latest checks. */
export function watchQuery(id: string) {
  return queryOptions({
    queryKey: watchKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/watches/{id}', { params: { path: { id } }, signal })),
    refetchInterval: 15_000,
  });
}

/** The watch's checks, newest first, a page at a time (older ones on demand). */
export function checksQuery(id: string) {
  return infiniteQueryOptions({
    queryKey: watchKeys.checks(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/watches/{id}/checks', {
          params: {
            path: { id },
            query: { limit: CHECKS_PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    refetchInterval: 15_000,
  });
}
