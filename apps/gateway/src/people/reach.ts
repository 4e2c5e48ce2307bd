import type { DataSource } from 'typeorm';
import type { WaitingOn } from '@cio/contracts';
import { type Reach, reachOf } from '@cio/persistence';
import type { ReachedWait } from '../schemas/state.schemas';

/** What a list of items with waits becomes: each wait with its reach. */
export type Reached<T extends { waitingOn: WaitingOn[] }> = Omit<T, 'waitingOn'> & {
  waitingOn: ReachedWait[];
};

const distinct = (names: (string | undefined)[]) => [...new Set(names.filter((n): n is string => !!n))];

/**
 * How many people a wait reaches, by the rule its recipients are resolved with
 * (`resolveRecipients`): the person it names when the directory has them, else the holders of its
 * role, else (naming neither) the members of its department (a trainee's department is context
 * only). 0: nobody; null for a wait on no one (a data source).
 */
function reachesOf(wait: WaitingOn, reach: Reach): number | null {
  const { role, department, person } = wait.who;
  if (person && (reach.people[person] ?? 0) > 0) return 1;
  if (role) return reach.roles[role] ?? 0;
  if (person) return 0;
  return department ? (reach.departments[department] ?? 0) : null;
}

/** A wait with its reach, by one read of the directory for every wait it may be asked of. */
export async function directoryReach(
  db: DataSource,
  waits: readonly WaitingOn[],
): Promise<(wait: WaitingOn) => ReachedWait> {
  const reach = await reachOf(db, {
    roles: distinct(waits.map((w) => w.who.role)),
    departments: distinct(waits.map((w) => w.who.department)),
    people: distinct(waits.map((w) => w.who.person)),
  });
  return (wait) => ({ ...wait, reaches: reachesOf(wait, reach) });
}

/** Each wait of each item with how many people it reaches, from one read of the directory. */
export async function withReach<T extends { waitingOn: WaitingOn[] }>(
  db: DataSource,
  items: readonly T[],
): Promise<Reached<T>[]> {
  const reached = await directoryReach(
    db,
    items.flatMap((item) => item.waitingOn),
  );
  return items.map((item) => ({ ...item, waitingOn: item.waitingOn.map(reached) }));
}
