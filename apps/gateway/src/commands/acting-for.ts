import type { DataSource } from 'typeorm';
import { type Actor, RegisterErrorCode } from '@cio/contracts';
import { RegisterError, runningDelegation } from '@cio/persistence';
import type { Principal } from '../auth/principal';
import type { RequestContext } from './request-context';

/** Who a request acts as: the caller, or the person they stand in for. */
export interface Acting {
  /** Whose sight the register's scope checks: the caller's, or the delegator's. */
  scope: Principal;
  /** The actor the initiative decides on. */
  actor: Actor;
}

/** The caller as who their token says. */
export function asThemselves(context: RequestContext): Acting {
  const { user, roles, departments } = context.principal;
  return { scope: context.principal, actor: { user, roles, departments } };
}

/**
 * The caller as themselves, or, with On-Behalf-Of, as the delegate of the person it names: that
 * person's delegation to them must run now (NOT_DELEGATED otherwise), and they act with that
 * person's roles and departments as the directory has them, not with their own (a delegation
 * never grants a role its delegator lacks, nor adds the delegate's).
 */
export async function actingOf(db: () => Promise<DataSource>, context: RequestContext): Promise<Acting> {
  const { user } = context.principal;
  const onBehalfOf = context.onBehalfOf;
  if (onBehalfOf === undefined) return asThemselves(context);
  if (onBehalfOf === user) {
    throw new RegisterError(RegisterErrorCode.NOT_DELEGATED, 'On-Behalf-Of names you: act as yourself', [
      { field: 'On-Behalf-Of', message: 'names you; leave it out to act as yourself' },
    ]);
  }
  const { delegator } = await runningDelegation(await db(), onBehalfOf, user);
  return {
    scope: { user: delegator.id, roles: delegator.roles, departments: delegator.departments },
    actor: { user, roles: delegator.roles, departments: delegator.departments, onBehalfOf: delegator.id },
  };
}
