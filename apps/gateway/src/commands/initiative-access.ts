import type { InitiativeDefinition } from '@cio/contracts';
import type { Principal } from '../auth/principal';

/** What never changes about an initiative: who owns it, which roles its policy names, its definition. */
export interface ImmutableAccess {
  department: string;
  policyRoles: string[];
  definition: Pick<InitiativeDefinition, 'kpis' | 'policy'>;
}

/**
 * A bounded cache of the immutable part of each initiative, so that a caller of its department or
 * one of its policy roles is authorised without a register read. Visibility that changes (waits on
 * a department or person) is still read from the register.
 */
export class InitiativeAccessCache {
  private readonly entries = new Map<string, ImmutableAccess>();

  constructor(private readonly capacity = 10_000) {}

  /** The definition when the caller may see the initiative for a reason that never changes. */
  lookup(principal: Principal, id: string): ImmutableAccess | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const visible =
      principal.departments.includes(entry.department) ||
      principal.roles.some((r) => entry.policyRoles.includes(r));
    return visible ? entry : undefined;
  }

  remember(id: string, entry: ImmutableAccess): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, entry);
  }
}
