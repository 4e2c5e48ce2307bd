import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** Half a year of weekly scores, and the latest comments. */
export const TREND_WEEKS = 26;
export const LATEST_COMMENTS = 20;

export function serviceFeedbackQuery(service: string) {
  return queryOptions({
    queryKey: ['service-feedback', service],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/services/{service}/feedback', {
          params: { path: { service }, query: { weeks: TREND_WEEKS, latest: LATEST_COMMENTS } },
          signal,
        }),
      ),
    refetchInterval: 60_000,
  });
}
