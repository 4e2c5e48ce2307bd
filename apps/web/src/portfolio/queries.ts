import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { PortfolioFilters } from './filters';

export function portfolioQuery(filters: PortfolioFilters) {
  return queryOptions({
    queryKey: ['portfolio', filters],
    queryFn: ({ signal }) => unwrap(api.GET('/portfolio', { params: { query: filters }, signal })),
    refetchInterval: 60_000,
  });
}
