import { Injectable } from '@nestjs/common';
import type { WaitingOn } from '@cio/contracts';
import { DEFAULT_PAGE_SIZE, delegatorsOf, type WorkItem, workWaitingOn } from '@cio/persistence';
import type { Principal } from '../auth/principal';
import { RegisterDatabase } from '../infrastructure/register-database';
import { directoryReach, type Reached } from '../people/reach';

/** One initiative's waits on the caller, or on someone they stand in for (`onBehalfOf`). */
export type MyWorkItem = Omit<WorkItem, 'initiative'> & {
  initiative: Reached<WorkItem['initiative']>;
  onBehalfOf?: string;
};

const sameWait = (a: WaitingOn, b: WaitingOn) => JSON.stringify(a) === JSON.stringify(b);

const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Earliest deadline first, as the register orders each list (none last), then by initiative. */
function byDeadline(a: WorkItem, b: WorkItem): number {
  const [x, y] = [a.initiative.nextDueAt, b.initiative.nextDueAt];
  if (x !== y) return x === null ? 1 : y === null ? -1 : order(x, y);
  return order(a.initiative.id, b.initiative.id);
}

@Injectable()
export class WorkService {
  constructor(private readonly database: RegisterDatabase) {}

  /**
   * What waits on the caller's roles, departments or on them in person, and on each person they
   * stand in for now (by that person's roles and departments, marked `onBehalfOf`); a wait that is
   * the caller's own is listed once, as theirs.
   */
  async mine(principal: Principal, limit = DEFAULT_PAGE_SIZE): Promise<{ items: MyWorkItem[] }> {
    const db = await this.database.ready();
    const [own, standingInFor] = await Promise.all([
      workWaitingOn(
        db,
        { roles: principal.roles, departments: principal.departments, person: principal.user },
        limit,
      ),
      delegatorsOf(db, principal.user),
    ]);
    const theirs = await Promise.all(
      standingInFor.map(async (delegator) => {
        const who = { roles: delegator.roles, departments: delegator.departments, person: delegator.id };
        return (await workWaitingOn(db, who, limit)).flatMap((item) => {
          const mine = own.find((o) => o.initiative.id === item.initiative.id)?.waits ?? [];
          const waits = item.waits.filter((wait) => !mine.some((m) => sameWait(m, wait)));
          return waits.length > 0 ? [{ ...item, waits, onBehalfOf: delegator.id }] : [];
        });
      }),
    );
    const items: (WorkItem & { onBehalfOf?: string })[] = [...own, ...theirs.flat()]
      .sort(byDeadline)
      .slice(0, limit);
    const reached = await directoryReach(
      db,
      items.flatMap((item) => item.initiative.waitingOn),
    );
    return {
      items: items.map((item) => ({
        ...item,
        initiative: { ...item.initiative, waitingOn: item.initiative.waitingOn.map(reached) },
      })),
    };
  }
}
