// An initiative's page opened for someone the person stands in for: /app/initiatives/x?for=li.
import { searchText } from '../register/filters';

export interface InitiativeSearch {
  /** The person the page acts for (On-Behalf-Of), under their delegation to the reader. */
  for?: string;
}

/** The API's limit on a person's id. */
const MAX_PERSON = 200;

export function parseInitiativeSearch(search: Record<string, unknown>): InitiativeSearch {
  const person = searchText(search.for, MAX_PERSON);
  return person ? { for: person } : {};
}
