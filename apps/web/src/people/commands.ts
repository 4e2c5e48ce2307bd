// What people ask of the directory and of their own settings, each sent with the key of its
// intended action.
import { api, intent, unwrap } from '../api/client';
import type { CreateDelegation, NotificationPreferences, PutPerson } from '../api/types';

export const peopleCommands = {
  setPreferences: (preferences: Partial<NotificationPreferences>, key: string) =>
    unwrap(api.PUT('/me/preferences', { params: intent(key), body: { preferences } })),
  delegate: (body: CreateDelegation, key: string) =>
    unwrap(api.POST('/me/delegations', { params: intent(key), body })),
  endDelegation: (id: string, key: string) =>
    unwrap(api.DELETE('/me/delegations/{id}', { params: { path: { id }, ...intent(key) } })),
  putPerson: (id: string, body: PutPerson, key: string) =>
    unwrap(api.PUT('/people/{id}', { params: { path: { id }, ...intent(key) }, body })),
};
