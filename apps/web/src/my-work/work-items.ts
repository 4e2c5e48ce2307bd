// What of GET /me/work is the caller's to act on, and what only concerns their departments.
import type { InitiativeSummary, WaitingOn, WorkItem } from '../api/types';
import type { Person } from '../auth/claims';
import { byDueDate } from '../ui/due';

export interface WorkEntry {
  initiative: InitiativeSummary;
  wait: WaitingOn;
  /** The wait was escalated to a role the caller holds. */
  escalatedToMe: boolean;
}

export interface ArrangedWork {
  /** Waits on the caller: decisions, tasks of their department, their own training, escalations. */
  actionable: WorkEntry[];
  /** Waits on time or data, or on someone else of their department (another trainee). */
  watching: WorkEntry[];
}

function waitsOnMe(wait: WaitingOn, person: Person): boolean {
  const { who } = wait;
  const myRole = who.role !== undefined && person.roles.includes(who.role);
  const myDepartment = who.department !== undefined && person.departments.includes(who.department);
  switch (wait.kind) {
    case 'approval':
      return myRole;
    case 'task':
      return myDepartment;
    case 'training':
      return who.person === person.sub;
    case 'plan':
    case 'cycle-limit-decision':
    case 'resume':
      return who.person === person.sub || myRole;
    case 'baseline':
    case 'evaluation-window':
    case 'follow-up':
    case 'data-source':
      return false;
  }
}

function soonestFirst(a: WorkEntry, b: WorkEntry): number {
  return (
    byDueDate(a.wait.dueAt, b.wait.dueAt) ||
    Date.parse(a.wait.since) - Date.parse(b.wait.since) ||
    a.initiative.title.localeCompare(b.initiative.title)
  );
}

export function arrangeWork(items: readonly WorkItem[], person: Person): ArrangedWork {
  const actionable: WorkEntry[] = [];
  const watching: WorkEntry[] = [];
  for (const { initiative, waits } of items) {
    for (const wait of waits) {
      const escalatedToMe = wait.escalatedTo !== null && person.roles.includes(wait.escalatedTo);
      const entry = { initiative, wait, escalatedToMe };
      (waitsOnMe(wait, person) || escalatedToMe ? actionable : watching).push(entry);
    }
  }
  return { actionable: actionable.sort(soonestFirst), watching: watching.sort(soonestFirst) };
}
