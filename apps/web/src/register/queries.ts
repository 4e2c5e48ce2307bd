import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { RegisterFilters } from './filters';

export const REGISTER_PAGE_SIZE = 50;

export function registerQuery(filters: RegisterFilters) {
  return infiniteQueryOptions({
    queryKey: ['initiatives', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/initiatives', {
          params: {
            query: { ...filters, limit: REGISTER_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
}
