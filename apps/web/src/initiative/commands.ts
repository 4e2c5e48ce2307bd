// What people ask of an initiative, one function per command of the API, each sent with the key
// of its intended action. After any of them, what the person sees of the initiative is refetched.
import type { QueryClient } from '@tanstack/react-query';
import { api, intent, unwrap } from '../api/client';
import type { components } from '../api/schema.gen';
import { initiativeKeys } from './queries';

type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

export const commands = {
  submitPlan: (id: string, plan: Body<'SubmitPlan'>, key: string) =>
    unwrap(api.POST('/initiatives/{id}/plans', { params: { path: { id }, ...intent(key) }, body: plan })),
  approve: (id: string, version: number, body: Body<'Approve'>, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/plans/{version}/approvals', {
        params: { path: { id, version }, ...intent(key) },
        body,
      }),
    ),
  reject: (id: string, version: number, body: Body<'Reject'>, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/plans/{version}/rejections', {
        params: { path: { id, version }, ...intent(key) },
        body,
      }),
    ),
  completeTask: (id: string, taskId: string, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/tasks/{taskId}/completion', {
        params: { path: { id, taskId }, ...intent(key) },
        body: {},
      }),
    ),
  completeTraining: (id: string, person: string, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/trainings/{person}/completion', {
        params: { path: { id, person }, ...intent(key) },
        body: {},
      }),
    ),
  pause: (id: string, reason: string, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/pause', { params: { path: { id }, ...intent(key) }, body: { reason } }),
    ),
  resume: (id: string, key: string) =>
    unwrap(api.POST('/initiatives/{id}/resume', { params: { path: { id }, ...intent(key) }, body: {} })),
  cancel: (id: string, reason: string, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/cancel', { params: { path: { id }, ...intent(key) }, body: { reason } }),
    ),
  extendCycleLimit: (id: string, body: Body<'ExtendCycleLimit'>, key: string) =>
    unwrap(
      api.POST('/initiatives/{id}/cycle-limit-extensions', {
        params: { path: { id }, ...intent(key) },
        body,
      }),
    ),
  setClosure: (id: string, body: Body<'SetClosure'>, key: string) =>
    unwrap(api.PUT('/initiatives/{id}/closure', { params: { path: { id }, ...intent(key) }, body })),
  feedback: (id: string, body: Body<'Feedback'>, key: string) =>
    unwrap(api.POST('/initiatives/{id}/feedback', { params: { path: { id }, ...intent(key) }, body })),
};

/** Everything an accepted command may have changed: the initiative, the lists, my work. */
export async function refreshAfterCommand(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: initiativeKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: ['work'] }),
    queryClient.invalidateQueries({ queryKey: ['initiatives'] }),
  ]);
}
