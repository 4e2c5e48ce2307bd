import type { InitiativeAnswer } from '@cio/contracts';

/**
 * The state as the API shows it: the workflow's answer. A worker on older code also answers with
 * its bookkeeping (the update ids it remembers, the audit sequence); that never leaves the gateway.
 */
export function viewOf(
  state: InitiativeAnswer & { seenUpdateIds?: string[]; auditSequence?: number },
): InitiativeAnswer {
  const { seenUpdateIds: _ids, auditSequence: _sequence, ...view } = state;
  return view;
}
