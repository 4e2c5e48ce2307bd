import {
  type InitiativeDefinition,
  type InitiativeState,
  type SearchAttributePair,
  SearchAttributes,
  type SearchAttributeUpdatePair,
} from '@cio/contracts';
import { initialState } from './initial-state';
import { waitingOn, waitingOnKeywords } from './waiting-on';

/**
 * What ops filter initiatives by in the Temporal UI, for one state: phase, cycle, service, owner,
 * department and who it waits on (null when nobody: the attribute is removed).
 */
export function initiativeSearchAttributes(
  definition: InitiativeDefinition,
  state: Pick<InitiativeState, 'phase' | 'cycle' | 'waitingOn'>,
): SearchAttributeUpdatePair[] {
  const keywords = waitingOnKeywords(state.waitingOn);
  return [
    { key: SearchAttributes.phase, value: state.phase },
    { key: SearchAttributes.cycle, value: state.cycle },
    { key: SearchAttributes.service, value: definition.service },
    { key: SearchAttributes.owner, value: definition.owner },
    { key: SearchAttributes.department, value: definition.department },
    { key: SearchAttributes.waitingOn, value: keywords.length > 0 ? keywords : null },
  ];
}

/** The attributes a run holds: the workflow's `workflowInfo().typedSearchAttributes`. */
export interface HeldSearchAttributes {
  get(key: SearchAttributeUpdatePair['key']): unknown;
}

/** The attributes of `wanted` whose value differs from what the server holds (`held`). */
export function changedSearchAttributes(
  held: HeldSearchAttributes,
  wanted: readonly SearchAttributeUpdatePair[],
): SearchAttributeUpdatePair[] {
  return wanted.filter((pair) => {
    const value: unknown = pair.value ?? undefined;
    return JSON.stringify(held.get(pair.key)) !== JSON.stringify(value);
  });
}

/** The attributes a new initiative starts with: those of its initial state, so its first step upserts none. */
export function initialSearchAttributes(definition: InitiativeDefinition): SearchAttributePair[] {
  const state = initialState(definition, new Date(0).toISOString());
  return initiativeSearchAttributes(definition, { ...state, waitingOn: waitingOn(state) }).filter(
    (pair): pair is SearchAttributePair => pair.value !== null,
  );
}
