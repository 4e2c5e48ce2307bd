import type { InitiativeState } from '@cio/contracts';

export type InitiativeView = Omit<InitiativeState, 'seenUpdateIds' | 'auditSequence'>;

/** The state as the API shows it: without the workflow's bookkeeping (update ids, audit sequence). */
export function viewOf(state: InitiativeState): InitiativeView {
  const { seenUpdateIds: _ids, auditSequence: _sequence, ...view } = state;
  return view;
}
