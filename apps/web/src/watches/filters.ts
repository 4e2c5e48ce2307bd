// The watch list's filters live in the URL, as the backlog's do: one service's watches is a link.
import { searchText } from '../register/filters';

export interface WatchFilters {
  service?: string;
  department?: string;
}

/** The API's limit on a service or department name. */
const MAX_NAME = 100;

export function parseWatchesSearch(search: Record<string, unknown>): WatchFilters {
  const filters: WatchFilters = {};
  const service = searchText(search.service, MAX_NAME);
  const department = searchText(search.department, MAX_NAME);
  if (service) filters.service = service;
  if (department) filters.department = department;
  return filters;
}
