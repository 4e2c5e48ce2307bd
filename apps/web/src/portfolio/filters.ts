// The portfolio's scope in the URL: one service, one department, or all the caller may see.
import { searchText } from '../register/filters';

export interface PortfolioFilters {
  service?: string;
  department?: string;
}

export function parsePortfolioSearch(search: Record<string, unknown>): PortfolioFilters {
  const filters: PortfolioFilters = {};
  const service = searchText(search.service);
  const department = searchText(search.department);
  if (service) filters.service = service;
  if (department) filters.department = department;
  return filters;
}
