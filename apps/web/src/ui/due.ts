/** How close a deadline is: what the badges say. */
export type DueStatus = 'overdue' | 'due-soon' | 'later' | 'none';

/** Deadlines within this are "due soon". */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

export function dueStatus(dueAt: string | null | undefined, now: number, soonMs = DUE_SOON_MS): DueStatus {
  const at = dueAt ? Date.parse(dueAt) : Number.NaN;
  if (Number.isNaN(at)) return 'none';
  if (at <= now) return 'overdue';
  return at - now <= soonMs ? 'due-soon' : 'later';
}

/** Earliest first; no deadline last. */
export function byDueDate(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ? Date.parse(a) : Number.POSITIVE_INFINITY;
  const y = b ? Date.parse(b) : Number.POSITIVE_INFINITY;
  return x === y ? 0 : x < y ? -1 : 1;
}
