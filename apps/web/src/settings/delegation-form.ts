// The delegation form: what people type (a person picked from the directory, local date-times, a
// reason) ↔ the API's CreateDelegation body, its checks, and the API's field errors at its fields.
import type { CreateDelegation, DirectoryPerson } from '../api/types';
import { fromLocalInput, toLocalInput } from '../ui/local-time';

export interface DelegationForm {
  delegate: DirectoryPerson | null;
  /** <input type="datetime-local"> values, in the browser's time zone. */
  startsAt: string;
  endsAt: string;
  reason: string;
}
export type DelegationField = keyof DelegationForm;

/** What is wrong with a field, as a catalogue key of `delegation.problem`. */
export type DelegationProblem = 'delegate' | 'required' | 'instant' | 'afterStart';
export type DelegationProblems = Partial<Record<DelegationField, DelegationProblem>>;

/** To the minute: what a datetime-local field shows by default. */
const minutes = (at: number) => toLocalInput(at).slice(0, 16);

/** From now; the end is for the person to say. */
export function newDelegationForm(now = Date.now()): DelegationForm {
  return { delegate: null, startsAt: minutes(now), endsAt: '', reason: '' };
}

/** The body for POST /me/delegations, or the problems by field. */
export function toDelegationBody(
  form: DelegationForm,
): { body: CreateDelegation; problems: null } | { body: null; problems: DelegationProblems } {
  const problems: DelegationProblems = {};
  if (!form.delegate) problems.delegate = 'delegate';
  const instant = (name: 'startsAt' | 'endsAt') => {
    const at = fromLocalInput(form[name]);
    if (!form[name].trim()) problems[name] = 'required';
    else if (!at) problems[name] = 'instant';
    return at;
  };
  const startsAt = instant('startsAt');
  const endsAt = instant('endsAt');
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.endsAt = 'afterStart';
  const reason = form.reason.trim();
  if (!reason) problems.reason = 'required';
  if (Object.keys(problems).length > 0 || !form.delegate || !startsAt || !endsAt)
    return { body: null, problems };
  return { body: { delegate: form.delegate.id, startsAt, endsAt, reason }, problems: null };
}

const FIELDS: readonly DelegationField[] = ['delegate', 'startsAt', 'endsAt', 'reason'];

/** The form's field for a field the API names (they are the same names), or null. */
export function delegationFieldOf(apiPath: string): DelegationField | null {
  const head = apiPath.split('.')[0];
  return (FIELDS as readonly string[]).includes(head ?? '') ? (head as DelegationField) : null;
}
