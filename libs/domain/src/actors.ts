import type { ActedAs, Actor, ActorInput, FieldProblem } from '@cio/contracts';

/** The actor of a message: current messages carry every role, recorded older ones the one acted in. */
export function actorOf(actor: ActorInput['actor']): Actor {
  if ('roles' in actor) return actor;
  return {
    user: actor.user,
    roles: [actor.role],
    departments: actor.department ? [actor.department] : [],
    role: actor.role,
  };
}

/** What is wrong with a message's actor, field by field: nothing can be decided without one. */
export function actorProblems(actor: unknown): FieldProblem[] {
  const a = (actor ?? {}) as Record<string, unknown>;
  const isText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  const isList = (value: unknown) => Array.isArray(value) && value.every(isText);
  const problems: FieldProblem[] = [];
  if (!isText(a.user)) problems.push({ field: 'actor.user', message: 'is required' });
  if ('roles' in a) {
    if (!isList(a.roles)) problems.push({ field: 'actor.roles', message: 'must be a list of roles' });
    if (!isList(a.departments))
      problems.push({ field: 'actor.departments', message: 'must be a list of departments' });
    if (a.role !== undefined && !isText(a.role)) problems.push({ field: 'actor.role', message: 'is blank' });
    if (a.onBehalfOf !== undefined && !isText(a.onBehalfOf))
      problems.push({ field: 'actor.onBehalfOf', message: 'is blank' });
  } else if (!isText(a.role)) {
    problems.push({ field: 'actor.roles', message: 'is required' });
  }
  return problems;
}

export const holdsAny = (actor: Actor, roles: readonly string[]): boolean =>
  actor.roles.some((role) => roles.includes(role));

/**
 * The actor as the state and the audit trail keep them: acting in `role` (or their first role),
 * and for whom when they stand in for someone (every command's step records it so).
 */
export function actedAs(actor: Actor, role?: string): ActedAs {
  const department = actor.departments[0];
  return {
    user: actor.user,
    role: role ?? actor.roles[0] ?? 'member',
    ...(department ? { department } : {}),
    ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}),
  };
}
