import type { InitiativeAnswer } from '@cio/contracts';

export type InitiativeView = Omit<InitiativeAnswer, 'auditSequence'>;

/** The state as the API shows it: without the workflow's bookkeeping (update ids, audit sequence). */
export function viewOf(state: InitiativeAnswer & { seenUpdateIds?: string[] }): InitiativeView {
  // A worker still on code from before InitiativeAnswer answers with the update ids too.
  const { seenUpdateIds: _ids, auditSequence: _sequence, ...view } = state;
  return view;
}
