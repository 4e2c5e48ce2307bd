// The directory's edit form: what an admin types ↔ the body of PUT /people/{id}, its checks, and
// the API's field errors at its fields.
import type { DirectoryPerson, Locale, PutPerson } from '../api/types';
import { nameList } from '../ui/name-list';

export interface PersonForm {
  id: string;
  displayName: string;
  email: string;
  locale: Locale;
  /** Comma-separated, as typed. */
  roles: string;
  departments: string;
}
export type PersonField = keyof PersonForm;

/** What is wrong with a field, as a catalogue key of `people.problem`. */
export type PersonProblem = 'required' | 'id' | 'email' | 'name';
export type PersonProblems = Partial<Record<PersonField, PersonProblem>>;

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** The API's limits. */
const MAX_ID = 200;
const MAX_NAME = 100;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function personFormOf(person?: DirectoryPerson): PersonForm {
  return {
    id: person?.id ?? '',
    displayName: person?.displayName ?? '',
    email: person?.email ?? '',
    locale: person?.locale ?? 'en',
    roles: person?.roles.join(', ') ?? '',
    departments: person?.departments.join(', ') ?? '',
  };
}

/** The id and the body for PUT /people/{id}, or the problems by field. */
export function toPutPerson(
  form: PersonForm,
): { id: string; body: PutPerson; problems: null } | { id: null; body: null; problems: PersonProblems } {
  const problems: PersonProblems = {};
  const id = form.id.trim();
  if (!id) problems.id = 'required';
  else if (id.length > MAX_ID) problems.id = 'id';
  const email = form.email.trim();
  if (email && !EMAIL.test(email)) problems.email = 'email';
  const roles = nameList(form.roles);
  const departments = nameList(form.departments);
  if (roles.some((r) => r.length > MAX_NAME)) problems.roles = 'name';
  if (departments.some((d) => d.length > MAX_NAME)) problems.departments = 'name';
  if (Object.keys(problems).length > 0) return { id: null, body: null, problems };
  const displayName = form.displayName.trim();
  return {
    id,
    body: { email: email || null, displayName: displayName || null, locale: form.locale, roles, departments },
    problems: null,
  };
}

const FIELDS: readonly PersonField[] = ['id', 'displayName', 'email', 'locale', 'roles', 'departments'];

/** The form's field for a field the API names (`roles.2` → `roles`), or null. */
export function personFieldOf(apiPath: string): PersonField | null {
  const head = apiPath.split('.')[0];
  return (FIELDS as readonly string[]).includes(head ?? '') ? (head as PersonField) : null;
}
