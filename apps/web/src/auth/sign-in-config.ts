import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** How this gateway signs people in (public; it changes only with the gateway's configuration). */
export const signInConfigQuery = queryOptions({
  queryKey: ['auth-config'],
  queryFn: ({ signal }) => unwrap(api.GET('/auth/config', { signal })),
  staleTime: Infinity,
  gcTime: Infinity,
});

export function useSignInConfig() {
  return useQuery(signInConfigQuery);
}
