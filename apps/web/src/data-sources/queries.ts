import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** The data sources the gateway is configured with (they change with its deployment only). */
export function dataSourcesQuery() {
  return queryOptions({
    queryKey: ['data-sources'],
    queryFn: ({ signal }) => unwrap(api.GET('/data-sources', { signal })),
    staleTime: 60_000,
  });
}
