// What of GET /me/work is the caller's to act on, and what only concerns their departments; the
// items of someone they stand in for are judged as that person's, and acted on for them.
import type { InitiativeSummary, WaitingOn, WorkItem } from '../api/types';
import type { Person } from '../auth/claims';
import { byDueDate } from '../ui/due';

export interface WorkEntry {
  initiative: InitiativeSummary;
  wait: WaitingOn;
  /** The wait was escalated to a role the caller holds (or the person they stand in for). */
  escalatedToMe: boolean;
  /** The person the caller stands in for, whose wait this is (acted on On-Behalf-Of them). */
  onBehalfOf: string | null;
}

export interface ArrangedWork {
  /** Waits on the caller: decisions, tasks of their department, their own training, escalations. */
  actionable: WorkEntry[];
  /** Waits on time or data, or on someone else of their department (another trainee). */
  watching: WorkEntry[];
  /** People the caller stands in for whose items were left out: their roles are not known yet. */
  unknownDelegators: string[];
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

/**
 * The caller's work, and that of the people they stand in for (`delegators`, with the roles and
 * departments the directory has for them). A delegator's item whose person is not known yet is
 * left out until they are.
 */
export function arrangeWork(
  items: readonly WorkItem[],
  person: Person,
  delegators: readonly Person[] = [],
): ArrangedWork {
  const actionable: WorkEntry[] = [];
  const watching: WorkEntry[] = [];
  const unknownDelegators = new Set<string>();
  for (const { initiative, waits, onBehalfOf } of items) {
    const whose = onBehalfOf ? delegators.find((d) => d.sub === onBehalfOf) : person;
    if (!whose) {
      if (onBehalfOf) unknownDelegators.add(onBehalfOf);
      continue;
    }
    for (const wait of waits) {
      const escalatedToMe = wait.escalatedTo !== null && whose.roles.includes(wait.escalatedTo);
      const entry = { initiative, wait, escalatedToMe, onBehalfOf: onBehalfOf ?? null };
      (waitsOnMe(wait, whose) || escalatedToMe ? actionable : watching).push(entry);
    }
  }
  return {
    actionable: actionable.sort(soonestFirst),
    watching: watching.sort(soonestFirst),
    unknownDelegators: [...unknownDelegators],
  };
}
