/** A value the lifecycle guarantees in this phase; its absence is a bug, reported by name. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`invariant broken: ${what} is missing`);
  return value;
}
