// What people ask of a watch, one function per command of the API, each sent with the key of its
// intended action.
import type { QueryClient } from '@tanstack/react-query';
import { api, intent, unwrap } from '../api/client';
import type { CreateWatch, WatchSchedule } from '../api/types';
import { watchKeys } from './queries';

export const watchCommands = {
  create: (body: CreateWatch, key: string) => unwrap(api.POST('/watches', { params: intent(key), body })),
  pause: (id: string, note: string | undefined, key: string) =>
    unwrap(
      api.POST('/watches/{id}/pause', {
        params: { path: { id }, ...intent(key) },
        body: note ? { note } : {},
      }),
    ),
  resume: (id: string, note: string | undefined, key: string) =>
    unwrap(
      api.POST('/watches/{id}/resume', {
        params: { path: { id }, ...intent(key) },
        body: note ? { note } : {},
      }),
    ),
};

/** The schedule as it is now, shown at once on the watch's page; the lists are asked again. */
export async function showSchedule(queryClient: QueryClient, id: string, schedule: WatchSchedule) {
  queryClient.setQueryData(watchKeys.detail(id), (detail) => (detail ? { ...detail, schedule } : detail));
  await queryClient.invalidateQueries({ queryKey: watchKeys.lists });
}
