// The register's filters live in the URL's search params, so a filtered view can be shared.
import type { Phase } from '../api/types';

export const PHASES: readonly Phase[] = [
  'Assessing',
  'Planning',
  'AwaitingApproval',
  'Implementing',
  'Evaluating',
  'Sustaining',
  'CycleLimitReached',
  'Paused',
  'Closed',
];

export interface RegisterFilters {
  phase?: Phase;
  service?: string;
  department?: string;
  owner?: string;
  cycle?: number;
  q?: string;
}

export const TEXT_FILTERS = ['q', 'service', 'department', 'owner'] as const;
/** The API's limit on a text filter. */
const MAX_TEXT = 100;

/** A search param as a text filter: trimmed, at most `max` characters, none when blank. */
export function searchText(value: unknown, max = MAX_TEXT): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim().slice(0, max);
  return trimmed === '' ? undefined : trimmed;
}

/** The filters a URL asks for; anything the API would refuse is left out, not passed on. */
export function parseRegisterSearch(search: Record<string, unknown>): RegisterFilters {
  const filters: RegisterFilters = {};
  const phase = searchText(search.phase);
  if (phase && (PHASES as readonly string[]).includes(phase)) filters.phase = phase as Phase;
  for (const name of TEXT_FILTERS) {
    const value = searchText(search[name]);
    if (value) filters[name] = value;
  }
  const cycle = Number(searchText(search.cycle));
  if (Number.isInteger(cycle) && cycle >= 1 && cycle <= 1000) filters.cycle = cycle;
  return filters;
}

/** The same filters with one changed (an empty value removes it). */
export function withFilter<K extends keyof RegisterFilters>(
  filters: RegisterFilters,
  name: K,
  value: RegisterFilters[K] | '' | undefined,
): RegisterFilters {
  const next: RegisterFilters = { ...filters };
  if (value === undefined || value === '') delete next[name];
  else next[name] = value;
  return parseRegisterSearch(next as Record<string, unknown>);
}

export function hasFilters(filters: RegisterFilters): boolean {
  return Object.keys(filters).length > 0;
}

/** Search params as plain `name=value` pairs (the router's default would JSON-quote strings). */
export function parseSearchString(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search.startsWith('?') ? search.slice(1) : search));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value as string | number));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
