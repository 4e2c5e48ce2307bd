// What people ask of an initiative, one function per command of the API, each sent with the key
// of its intended action and, when the caller stands in for someone, On-Behalf-Of them. After
// any of them, what the person sees of the initiative is refetched.
import type { QueryClient } from '@tanstack/react-query';
import { acting, api, intent, unwrap } from '../api/client';
import type { components } from '../api/schema.gen';
import { initiativeKeys } from './queries';

type Body<Name extends keyof components['schemas']> = components['schemas'][Name];

export const commands = {
  submitPlan: (id: string, plan: Body<'SubmitPlan'>, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/plans', {
        params: { path: { id }, ...acting(key, onBehalfOf) },
        body: plan,
      }),
    ),
  approve: (id: string, version: number, body: Body<'Approve'>, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/plans/{version}/approvals', {
        params: { path: { id, version }, ...acting(key, onBehalfOf) },
        body,
      }),
    ),
  reject: (id: string, version: number, body: Body<'Reject'>, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/plans/{version}/rejections', {
        params: { path: { id, version }, ...acting(key, onBehalfOf) },
        body,
      }),
    ),
  completeTask: (id: string, taskId: string, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/tasks/{taskId}/completion', {
        params: { path: { id, taskId }, ...acting(key, onBehalfOf) },
        body: {},
      }),
    ),
  completeTraining: (id: string, person: string, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/trainings/{person}/completion', {
        params: { path: { id, person }, ...acting(key, onBehalfOf) },
        body: {},
      }),
    ),
  pause: (id: string, reason: string, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/pause', {
        params: { path: { id }, ...acting(key, onBehalfOf) },
        body: { reason },
      }),
    ),
  resume: (id: string, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/resume', {
        params: { path: { id }, ...acting(key, onBehalfOf) },
        body: {},
      }),
    ),
  cancel: (id: string, reason: string, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/cancel', {
        params: { path: { id }, ...acting(key, onBehalfOf) },
        body: { reason },
      }),
    ),
  extendCycleLimit: (id: string, body: Body<'ExtendCycleLimit'>, key: string, onBehalfOf?: string) =>
    unwrap(
      api.POST('/initiatives/{id}/cycle-limit-extensions', {
        params: { path: { id }, ...acting(key, onBehalfOf) },
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
