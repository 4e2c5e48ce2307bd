import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cio/config';
import {
  type Actor,
  type ActorInput,
  type CommandAction,
  type InitiativeAnswer,
  type InitiativeDefinition,
  type InitiativeUpdate,
  initiativeWorkflowId,
} from '@cio/contracts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findAccess,
  findVisible,
  type InitiativeSummary,
  type ReadScope,
  recordRefusal,
  RegisterError,
} from '@cio/persistence';
import { policyRoles } from '@cio/domain';
import { isAdmin, type Principal } from '../auth/principal';
import { toGatewayError } from '../errors/error-mapping';
import { GatewayError } from '../errors/gateway-error';
import { RegisterDatabase } from '../infrastructure/register-database';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { type Acting, actingOf } from './acting-for';
import { type ImmutableAccess, InitiativeAccessCache } from './initiative-access';
import { viewOf } from './initiative-view';
import { type RequestContext, updateIdOf } from './request-context';

export interface VisibleInitiative {
  summary: InitiativeSummary;
  definition: Pick<InitiativeDefinition, 'kpis' | 'policy'>;
}

export interface CommandResult<T> {
  status: number;
  body: T;
}

export function scopeOf(principal: Principal): ReadScope {
  return isAdmin(principal)
    ? 'all'
    : { departments: principal.departments, roles: principal.roles, person: principal.user };
}

/**
 * Every state-changing call on an initiative goes through here: the Idempotency-Key, the scope
 * check, the workflow update (where the domain decides who may), and the record of a refusal.
 */
@Injectable()
export class InitiativeCommands {
  private readonly access = new InitiativeAccessCache();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly database: RegisterDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  db(): Promise<DataSource> {
    return this.database.ready();
  }

  /** The initiative if the caller may see it; INITIATIVE_NOT_FOUND otherwise (no leak). */
  async visible(principal: Principal, id: string): Promise<VisibleInitiative> {
    const { definition, ...summary } = await findVisible(await this.db(), scopeOf(principal), id);
    this.access.remember(id, {
      department: summary.department,
      policyRoles: policyRoles(definition.policy),
      definition,
    });
    return { summary, definition };
  }

  /**
   * The definition, if the caller may act on the initiative: from the cache when that settles it,
   * else from the register's lean access read.
   */
  async authorise(principal: Principal, id: string): Promise<VisibleInitiative['definition']> {
    return (await this.accessOf(principal, id)).definition;
  }

  /** What never changes about an initiative the caller may see (404 when they may not). */
  async accessOf(principal: Principal, id: string): Promise<ImmutableAccess> {
    const cached = this.access.lookup(principal, id);
    if (cached) return cached;
    const access = await findAccess(await this.db(), scopeOf(principal), id);
    this.access.remember(id, access);
    return access;
  }

  /**
   * Runs `work` once per Idempotency-Key: a retry gets the stored answer (success or refusal),
   * the same key with another request is refused with 422.
   */
  async idempotent<T>(
    context: RequestContext,
    work: () => Promise<CommandResult<T>>,
  ): Promise<CommandResult<T>> {
    const key = context.idempotencyKey;
    if (!key) return work();
    const db = await this.db();
    const user = context.principal.user;
    const claim = await claimIdempotencyKey(db, user, key, context.fingerprint);
    if (claim.kind === 'mismatch') {
      throw new GatewayError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used with a different request',
        [{ field: 'Idempotency-Key', message: 'use a new key for a new request' }],
      );
    }
    if (claim.kind === 'replay') return replay<T>(claim.statusCode, claim.response);
    try {
      const result = await work();
      const stored = await completeIdempotencyKey(db, user, key, result.status, result.body);
      return replay<T>(stored.statusCode, stored.response);
    } catch (error) {
      const refusal = toGatewayError(error);
      // Refusals are answers too; outages (5xx) are not stored, so a retry tries again.
      if (refusal.status < 500) {
        const body = { code: refusal.code, message: refusal.message, details: refusal.details };
        const stored = await completeIdempotencyKey(db, user, key, refusal.status, body);
        return replay<T>(stored.statusCode, stored.response);
      }
      throw error;
    }
  }

  /**
   * Applies a workflow update as the caller: they act as who their token says (user, roles,
   * departments, and the role they name for a decision), or with On-Behalf-Of as the delegate of
   * the person it names (see actingOf); the initiative decides whether they may. A refusal, of the
   * delegation, by the register's scope or by the initiative, is recorded.
   */
  async update<I extends ActorInput>(
    context: RequestContext,
    initiativeId: string,
    action: CommandAction,
    update: InitiativeUpdate<I>,
    input: Omit<I, 'actor' | 'requestId'>,
    options: { role?: string } = {},
  ): Promise<CommandResult<InitiativeAnswer>> {
    return this.idempotent(context, async () => {
      let acting: Acting | undefined;
      try {
        acting = await actingOf(() => this.db(), context);
        await this.authorise(acting.scope, initiativeId);
      } catch (error) {
        if (error instanceof RegisterError) {
          const asked = context.onBehalfOf === undefined ? {} : { onBehalfOf: context.onBehalfOf };
          await this.refused(context, initiativeId, action, error.code, asked, acting?.actor);
        }
        throw error;
      }
      const actor = { ...acting.actor, ...(options.role ? { role: options.role } : {}) };
      try {
        const message = {
          ...input,
          actor,
          ...(context.requestId ? { requestId: context.requestId } : {}),
        } as I;
        const handle = this.client.workflow.getHandle(initiativeWorkflowId(initiativeId));
        const updateId = updateIdOf(context);
        // Bounded: while the register is down the update's write retries, and the caller gets a 503.
        const state = await this.client.withDeadline(Date.now() + this.config.gateway.updateTimeoutMs, () =>
          handle.executeUpdate(update, { args: [message], ...(updateId ? { updateId } : {}) }),
        );
        return { status: HttpStatus.OK, body: viewOf(state) };
      } catch (error) {
        const refusal = toGatewayError(error);
        if (refusal.status < 500) {
          await this.refused(
            context,
            initiativeId,
            action,
            refusal.code,
            { message: refusal.message },
            actor,
          );
        }
        throw refusal;
      }
    });
  }

  /**
   * Records a refusal in the initiative's trail: by the caller, in the roles they asked with (a
   * delegate's are their delegator's, whom the details name).
   */
  async refused(
    context: RequestContext,
    initiativeId: string,
    action: CommandAction,
    code: string,
    details: Record<string, unknown>,
    actor: Pick<Actor, 'roles' | 'onBehalfOf'> = context.principal,
  ): Promise<void> {
    await recordRefusal(await this.db(), {
      initiativeId,
      actor: context.principal.user,
      role: actor.roles.join(',') || null,
      action,
      details: { code, ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}), ...details },
      requestId: context.requestId,
    });
  }
}

function replay<T>(status: number, body: unknown): CommandResult<T> {
  if (status >= 400) {
    const error = body as { code: string; message: string; details: [] };
    throw new GatewayError(status, error.code, error.message, error.details);
  }
  return { status, body: body as T };
}
