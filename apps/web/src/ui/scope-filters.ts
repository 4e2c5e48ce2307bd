// A list scoped to one service, one department, or both, in the URL: a scoped view is a link.
import { searchText } from '../register/filters';

export interface ScopeFilters {
  service?: string;
  department?: string;
}

/** The API's limit on a service or department name. */
const MAX_NAME = 100;

export function parseScopeSearch(search: Record<string, unknown>): ScopeFilters {
  const filters: ScopeFilters = {};
  const service = searchText(search.service, MAX_NAME);
  const department = searchText(search.department, MAX_NAME);
  if (service) filters.service = service;
  if (department) filters.department = department;
  return filters;
}
