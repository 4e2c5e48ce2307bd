// The backlog's filters live in the URL's search params, as the register's do: a filtered view
// (a cell of the value-versus-effort matrix, say) is a link to share.
import type {
  BenefitCategory,
  BenefitLevel,
  EffortSize,
  OpportunityOrigin,
  OpportunityStatus,
  RiskLevel,
} from '../api/types';
import { searchText } from '../register/filters';
import {
  BENEFIT_CATEGORIES,
  BENEFIT_LEVELS,
  EFFORT_SIZES,
  isOneOf,
  ORIGINS,
  RISK_LEVELS,
  STATUSES,
} from './vocabulary';

/** `open` (new and accepted) when the URL names none. */
export type StatusFilter = OpportunityStatus | 'all';
export const STATUS_FILTERS: readonly StatusFilter[] = [...STATUSES, 'all'];

export interface BacklogFilters {
  status?: StatusFilter;
  service?: string;
  department?: string;
  origin?: OpportunityOrigin;
  benefitCategory?: BenefitCategory;
  /** With effort: a cell of the value-versus-effort matrix (the API filters by both). */
  benefitLevel?: BenefitLevel;
  effort?: EffortSize;
  risk?: RiskLevel;
  objective?: string;
  raisedBy?: string;
  q?: string;
  /** By score when the URL names none. */
  sort?: 'newest';
}

export const BACKLOG_TEXT_FILTERS = ['q', 'service', 'department', 'objective', 'raisedBy'] as const;
export type BacklogTextFilter = (typeof BACKLOG_TEXT_FILTERS)[number];

/** The API's limits on the text filters. */
const MAX_TEXT: Record<BacklogTextFilter, number> = {
  q: 200,
  service: 100,
  department: 100,
  objective: 80,
  raisedBy: 100,
};

/** The filters a URL asks for; what the API would refuse is left out, not passed on. */
export function parseBacklogSearch(search: Record<string, unknown>): BacklogFilters {
  const filters: BacklogFilters = {};
  for (const name of BACKLOG_TEXT_FILTERS) {
    const value = searchText(search[name], MAX_TEXT[name]);
    if (value) filters[name] = value;
  }
  if (isOneOf(STATUS_FILTERS, search.status)) filters.status = search.status;
  if (isOneOf(ORIGINS, search.origin)) filters.origin = search.origin;
  if (isOneOf(BENEFIT_CATEGORIES, search.benefitCategory)) filters.benefitCategory = search.benefitCategory;
  if (isOneOf(BENEFIT_LEVELS, search.benefitLevel)) filters.benefitLevel = search.benefitLevel;
  if (isOneOf(EFFORT_SIZES, search.effort)) filters.effort = search.effort;
  if (isOneOf(RISK_LEVELS, search.risk)) filters.risk = search.risk;
  if (search.sort === 'newest') filters.sort = 'newest';
  return filters;
}

/** The same filters with one changed (an empty value removes it). */
export function withBacklogFilter<K extends keyof BacklogFilters>(
  filters: BacklogFilters,
  name: K,
  value: BacklogFilters[K] | '' | undefined,
): BacklogFilters {
  const next: Record<string, unknown> = { ...filters };
  if (value === undefined || value === '') delete next[name];
  else next[name] = value;
  return parseBacklogSearch(next);
}

export function hasBacklogFilters(filters: BacklogFilters): boolean {
  return Object.keys(filters).length > 0;
}

/** The matrix counts across both of its axes: the filters without effort and benefit level. */
export function matrixFiltersOf(filters: BacklogFilters): Omit<BacklogFilters, 'benefitLevel' | 'effort'> {
  const { benefitLevel: _level, effort: _effort, ...rest } = filters;
  return rest;
}
