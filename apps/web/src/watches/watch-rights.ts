// Who is offered to create, pause and resume a watch: who triages what it raises, the improvement
// managers of its department (or an admin). The gateway decides; a page only shows what it would allow.
import type { Person } from '../auth/claims';

const MANAGER_ROLE = 'improvement-manager';
const ADMIN_ROLE = 'admin';

/** May manage watches of `department` (any department of theirs when none is named). */
export function mayManageWatches(person: Person | undefined, department?: string): boolean {
  if (!person) return false;
  if (person.roles.includes(ADMIN_ROLE)) return true;
  if (!person.roles.includes(MANAGER_ROLE)) return false;
  return department === undefined ? person.departments.length > 0 : person.departments.includes(department);
}
