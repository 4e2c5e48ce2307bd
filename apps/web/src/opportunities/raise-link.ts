// What a link to the raise form may fill in (the customer-feedback page links to it per comment),
// apart from the form itself so that the router reads it without loading the form.
import type { OpportunityOrigin } from '../api/types';
import { searchText } from '../register/filters';
import { isOneOf, ORIGINS } from './vocabulary';

/** What a link may fill in. */
export interface RaisePrefill {
  title?: string;
  description?: string;
  service?: string;
  department?: string;
  origin?: OpportunityOrigin;
  reference?: string;
}

/** The API's limits. */
export const RAISE_LIMITS = {
  title: 200,
  description: 5000,
  service: 100,
  department: 100,
  reference: 500,
  benefitDescription: 2000,
} as const;
/** The pre-fill a URL asks for (`?service=…&origin=customer-feedback&reference=…`). */
export function parseRaiseSearch(search: Record<string, unknown>): RaisePrefill {
  const prefill: RaisePrefill = {};
  for (const name of ['title', 'description', 'service', 'department', 'reference'] as const) {
    const value = searchText(search[name], RAISE_LIMITS[name]);
    if (value) prefill[name] = value;
  }
  if (isOneOf(ORIGINS, search.origin)) prefill.origin = search.origin;
  return prefill;
}
