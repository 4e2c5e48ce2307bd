import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { ScopeFilters } from '../ui/scope-filters';

export function portfolioQuery(filters: ScopeFilters) {
  return queryOptions({
    queryKey: ['portfolio', filters],
    queryFn: ({ signal }) => unwrap(api.GET('/portfolio', { params: { query: filters }, signal })),
    refetchInterval: 60_000,
  });
}
