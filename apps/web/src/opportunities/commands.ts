// What people ask of an opportunity, one function per command of the API, each sent with the key
// of its intended action. Each answers with the opportunity as it is now.
import type { QueryClient } from '@tanstack/react-query';
import { api, intent, unwrap } from '../api/client';
import type { Opportunity, RaiseOpportunity, TriageOpportunity } from '../api/types';
import { opportunityKeys } from './queries';

export const opportunityCommands = {
  raise: (body: RaiseOpportunity, key: string) =>
    unwrap(api.POST('/opportunities', { params: intent(key), body })),
  support: (id: string, comment: string | undefined, key: string) =>
    unwrap(
      api.POST('/opportunities/{id}/support', {
        params: { path: { id }, ...intent(key) },
        body: comment ? { comment } : {},
      }),
    ),
  withdrawSupport: (id: string, key: string) =>
    unwrap(api.DELETE('/opportunities/{id}/support', { params: { path: { id }, ...intent(key) } })),
  comment: (id: string, body: string, key: string) =>
    unwrap(
      api.POST('/opportunities/{id}/comments', { params: { path: { id }, ...intent(key) }, body: { body } }),
    ),
  triage: (id: string, body: TriageOpportunity, key: string) =>
    unwrap(api.POST('/opportunities/{id}/triage', { params: { path: { id }, ...intent(key) }, body })),
};

/** The answer is the opportunity now: shown at once; the lists it appears in are asked again. */
export async function showAnswer(queryClient: QueryClient, answer: Opportunity): Promise<void> {
  queryClient.setQueryData(opportunityKeys.detail(answer.id), answer);
  await queryClient.invalidateQueries({ queryKey: opportunityKeys.lists });
}
