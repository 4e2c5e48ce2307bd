// The directory's filters live in the URL, as the register's do: a filtered view is a link.
import { searchText } from '../register/filters';

export interface PeopleFilters {
  role?: string;
  department?: string;
  q?: string;
}

export const PEOPLE_FILTERS = ['q', 'role', 'department'] as const;
export type PeopleFilter = (typeof PEOPLE_FILTERS)[number];

/** The API's limit on a filter. */
const MAX_TEXT = 100;

/** The filters a URL asks for; anything the API would refuse is left out. */
export function parsePeopleSearch(search: Record<string, unknown>): PeopleFilters {
  const filters: PeopleFilters = {};
  for (const name of PEOPLE_FILTERS) {
    const value = searchText(search[name], MAX_TEXT);
    if (value) filters[name] = value;
  }
  return filters;
}
