import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { AppConfig } from '@cio/config';
import { DataSources } from '@cio/data-sources';
import {
  ADMIN_ROLE,
  type BenefitCategory,
  cancelUpdate,
  type ClosureCode,
  extendCycleLimitUpdate,
  getStateQuery,
  INITIATIVE_WORKFLOW_TYPE,
  type InitiativeAnswer,
  isPulled,
  RegisterErrorCode,
  type InitiativeDefinition,
  initiativeWorkflowId,
  pauseUpdate,
  resumeUpdate,
} from '@cio/contracts';
import {
  createdBy,
  initiativeStartOptions,
  permittedActions,
  refuseClosure,
  refuseCreation,
  refuseDefinition,
} from '@cio/domain';
import {
  auditTrail,
  claimPromotion,
  collectionStatus,
  getInitiative,
  kpiSeries,
  listInitiatives,
  linkPromotedInitiative,
  registerInitiative,
  RegisterError,
  releasePromotion,
  setInitiativeClosure,
} from '@cio/persistence';
import { type CommandResult, InitiativeCommands, scopeOf } from '../commands/initiative-commands.service';
import { type Acting, actingOf, asThemselves } from '../commands/acting-for';
import { viewOf } from '../commands/initiative-view';
import { refuseRequest } from '../commands/refused-request';
import { refuseSources } from '../data-sources/source-refusal';
import { newIdOf, type RequestContext } from '../commands/request-context';
import { STATUS_OF_CODE } from '../errors/error-codes';
import { GatewayError } from '../errors/gateway-error';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import { OpportunitiesService } from '../opportunities/opportunities.service';
import { directoryReach, withReach } from '../people/reach';
import type { CreateInitiativeBody } from './initiative.schemas';
import type { z } from 'zod';
import type { AuditQuerySchema, ListQuerySchema, SeriesQuerySchema } from './initiative.schemas';

@Injectable()
export class InitiativesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: InitiativeCommands,
    private readonly dataSources: DataSources,
    private readonly opportunities: OpportunitiesService,
  ) {}

  /** Starts the initiative's workflow; the id conflict policy refuses a second one with the same id. */
  create(context: RequestContext, body: CreateInitiativeBody): Promise<CommandResult<InitiativeAnswer>> {
    return this.commands.idempotent(context, async () => {
      const { principal } = context;
      const id = body.id ?? newIdOf(context, 'i');
      const { opportunityId, ...fields } = body;
      const definition: InitiativeDefinition = { ...fields, id, owner: body.owner ?? principal.user };
      const refusal =
        refuseCreation(principal, definition, this.config.initiatives) ??
        refuseDefinition(definition, this.config.initiatives) ??
        ((await this.retriedAfterStart(context, body, id)) ? null : await this.refuseSourcesOf(definition));
      if (opportunityId && !refusal)
        await this.opportunities.mayManage(context, opportunityId, 'promote-opportunity');
      if (refusal) {
        await refuseRequest(await this.commands.db(), context, {
          action: 'create-initiative',
          subject: id,
          refusal,
          details: { department: definition.department, service: definition.service },
        });
      }
      const creator = createdBy(principal, definition);
      // One initiative per opportunity: it is claimed for this id before anything starts.
      const claim = opportunityId
        ? await claimPromotion(
            await this.commands.db(),
            { id: opportunityId, initiativeId: id },
            { actor: principal.user, role: creator.role, requestId: context.requestId || null },
          )
        : null;
      const handle = await this.client.workflow
        .start(INITIATIVE_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue,
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          ...initiativeStartOptions(definition, {
            createdBy: creator,
            ...(context.requestId ? { requestId: context.requestId } : {}),
          }),
        })
        .catch(async (error: unknown) => {
          // A keyed retry of a create that got as far as starting the workflow: answer with it.
          if (error instanceof WorkflowExecutionAlreadyStartedError && context.idempotencyKey && !body.id) {
            return this.client.workflow.getHandle(initiativeWorkflowId(id));
          }
          // Refused for its id (a workflow the register does not hold): nothing started for the
          // opportunity, which is free again. Other failures (a timeout may have started it) keep
          // the claim, which a keyed retry completes.
          if (
            opportunityId &&
            claim?.kind === 'claimed' &&
            error instanceof WorkflowExecutionAlreadyStartedError
          ) {
            await releasePromotion(await this.commands.db(), { id: opportunityId, initiativeId: id });
          }
          throw error;
        });
      const state = await handle.query(getStateQuery);
      // The workflow registers the initiative by an activity that may still be queued; entering it
      // here too (the same row, written once) means a push or a read right after 201 finds it.
      await registerInitiative(await this.commands.db(), {
        workflowId: handle.workflowId,
        definition: state.definition,
        phase: state.phase,
        cycle: state.cycle,
      });
      if (opportunityId) {
        await linkPromotedInitiative(await this.commands.db(), { opportunityId, initiativeId: id });
      }
      return { status: HttpStatus.CREATED, body: viewOf(state) };
    });
  }

  /**
   * Whether this is a keyed retry of a create that got as far as starting the workflow (then
   * failed to answer): its sources were tried then, and a source's answer now must not refuse an
   * initiative that is already running. Asked only of definitions with pulled KPIs.
   */
  private async retriedAfterStart(context: RequestContext, body: CreateInitiativeBody, id: string) {
    if (!context.idempotencyKey || body.id || !body.kpis.some(isPulled)) return false;
    try {
      await this.client.workflow.getHandle(initiativeWorkflowId(id)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  private refuseSourcesOf(definition: InitiativeDefinition) {
    return refuseSources(
      this.dataSources,
      definition.kpis.flatMap((kpi, i) =>
        isPulled(kpi) ? [{ source: kpi.source, field: `kpis[${i}].source` }] : [],
      ),
    );
  }

  async list(context: RequestContext, query: z.infer<typeof ListQuerySchema>) {
    const { q, ...filter } = query;
    const db = await this.commands.db();
    const page = await listInitiatives(db, scopeOf(context.principal), {
      ...filter,
      ...(q ? { text: q } : {}),
    });
    return { ...page, items: await withReach(db, page.items) };
  }

  /**
   * Live state from the workflow, history from the register, whom each wait reaches, and what the
   * caller may do now: as themselves, or with On-Behalf-Of as the delegate of whom it names.
   */
  async get(context: RequestContext, id: string) {
    return this.detail(await actingOf(() => this.commands.db(), context), id);
  }

  private async detail({ scope, actor }: Acting, id: string) {
    const db = await this.commands.db();
    const register = await getInitiative(db, scopeOf(scope), id);
    const state = viewOf(await this.client.workflow.getHandle(register.workflowId).query(getStateQuery));
    const { kpis: _kpis, policy: _policy, ...history } = register;
    const may = permittedActions({ ...state, seenUpdateIds: [], auditSequence: 0 }, actor);
    const [collection, reached] = await Promise.all([
      collectionStatus(db, id),
      directoryReach(db, [...state.waitingOn, ...history.waitingOn]),
    ]);
    return {
      state: { ...state, waitingOn: state.waitingOn.map(reached) },
      register: { ...history, waitingOn: history.waitingOn.map(reached), collection },
      may,
    };
  }

  async audit(context: RequestContext, id: string, query: z.infer<typeof AuditQuerySchema>) {
    await this.commands.visible(await this.readerOf(context), id);
    const limit = query.limit ?? 200;
    const items = await auditTrail(await this.commands.db(), id, {
      ...(query.afterId ? { afterId: query.afterId } : {}),
      limit,
    });
    return { items, nextAfterId: items.length === limit ? (items.at(-1)?.id ?? null) : null };
  }

  /** A KPI's series over [from, to): by default from the initiative's creation until now. */
  async series(context: RequestContext, id: string, kpi: string, query: z.infer<typeof SeriesQuerySchema>) {
    const { summary, definition } = await this.commands.visible(await this.readerOf(context), id);
    const found = definition.kpis.find((k) => k.name === kpi);
    if (!found) {
      throw new RegisterError(RegisterErrorCode.KPI_NOT_FOUND, `the initiative has no KPI '${kpi}'`, [
        { field: 'kpi', message: `one of ${definition.kpis.map((k) => k.name).join(', ')}` },
      ]);
    }
    const from = query.from ?? summary.createdAt;
    const to = query.to ?? new Date().toISOString();
    if (Date.parse(from) >= Date.parse(to)) {
      throw GatewayError.invalid('from must be before to', [{ field: 'from', message: 'must be before to' }]);
    }
    const series = {
      initiativeId: id,
      kpi,
      aggregate: found.aggregate,
      from,
      to,
      points: query.points ?? 500,
    };
    return kpiSeries(await this.commands.db(), series);
  }

  async evaluations(context: RequestContext, id: string) {
    const reader = await this.readerOf(context);
    const register = await getInitiative(await this.commands.db(), scopeOf(reader), id);
    return { items: register.evaluations };
  }

  /** Whose sight a read has: the caller's, or with On-Behalf-Of the person they stand in for. */
  private async readerOf(context: RequestContext) {
    return (await actingOf(() => this.commands.db(), context)).scope;
  }

  pause(context: RequestContext, id: string, reason: string) {
    return this.commands.update(context, id, 'pause', pauseUpdate, { reason });
  }

  resume(context: RequestContext, id: string) {
    return this.commands.update(context, id, 'resume', resumeUpdate, {});
  }

  cancel(context: RequestContext, id: string, reason: string) {
    return this.commands.update(context, id, 'cancel', cancelUpdate, { reason });
  }

  /** A closed initiative's closure code and achieved benefit, by one of its managers. */
  setClosure(
    context: RequestContext,
    id: string,
    body: { code: ClosureCode; reason: string; achievedBenefit?: BenefitCategory | null | undefined },
  ) {
    return this.commands.idempotent(context, async () => {
      const { principal } = context;
      const { definition } = await this.commands.visible(principal, id);
      const refusal = refuseClosure(principal, definition.policy);
      if (refusal) {
        await this.commands.refused(context, id, 'set-closure', refusal.code, { message: refusal.message });
        throw new GatewayError(STATUS_OF_CODE[refusal.code], refusal.code, refusal.message);
      }
      await setInitiativeClosure(await this.commands.db(), {
        initiativeId: id,
        code: body.code,
        reason: body.reason,
        achievedBenefit: body.achievedBenefit ?? null,
        actor: principal.user,
        role: principal.roles.find((r) => definition.policy.managerRoles.includes(r)) ?? ADMIN_ROLE,
        requestId: context.requestId || null,
      });
      return { status: HttpStatus.OK, body: await this.detail(asThemselves(context), id) };
    });
  }

  extendCycleLimit(context: RequestContext, id: string, additionalCycles: number, reason?: string) {
    const input = { additionalCycles, ...(reason ? { reason } : {}) };
    return this.commands.update(context, id, 'extend-cycle-limit', extendCycleLimitUpdate, input);
  }
}
