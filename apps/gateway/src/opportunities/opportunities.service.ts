import { HttpStatus, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '@cio/config';
import type { RefusableAction, Refusal, TriageDecision } from '@cio/contracts';
import {
  KPI_HINTS,
  opportunityPermissions,
  refuseSupport,
  refuseTriage,
  similarByTitle,
  triagedAs,
} from '@cio/domain';
import {
  commentOnOpportunity,
  getOpportunity,
  listOpportunities,
  openOpportunitiesOfService,
  opportunityMatrix,
  type OpportunityActor,
  type OpportunityFilter,
  opportunityDepartment,
  raiseOpportunity,
  rescoreOpportunities,
  supportOpportunity,
  triageOpportunity,
  watchedKpiOf,
  withdrawSupport,
} from '@cio/persistence';
import { type CommandResult, InitiativeCommands, scopeOf } from '../commands/initiative-commands.service';
import { type RequestContext, newIdOf, updateIdOf } from '../commands/request-context';
import { refuseRequest } from '../commands/refused-request';
import { APP_CONFIG } from '../infrastructure/tokens';
import type { RaiseOpportunityBody } from './opportunity.schemas';

/**
 * The register's front door: raising, supporting, commenting and triaging opportunities. Anyone
 * signed in raises, supports and reads; the department's improvement managers triage (the domain
 * decides, `refuseTriage`); a refusal is recorded as a refused request.
 */
@Injectable()
export class OpportunitiesService implements OnModuleInit {
  private readonly logger = new Logger(OpportunitiesService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: InitiativeCommands,
  ) {}

  private get weights() {
    return this.config.opportunities.weights;
  }

  private get managerRoles() {
    return this.config.initiatives.creatorRoles;
  }

  /** Scores written under other weights are rescored once the register is reachable. */
  onModuleInit() {
    void this.commands
      .db()
      .then((db) => rescoreOpportunities(db, this.weights))
      .then((rescored) => {
        if (rescored > 0) this.logger.log(`rescored ${rescored} opportunities under the configured weights`);
      })
      .catch((error: unknown) =>
        // The backlog keeps its order by the scores stored; the next start tries again.
        this.logger.warn(`rescoring the opportunities failed: ${String(error)}`),
      );
  }

  private actor(context: RequestContext, role: string | null = null): OpportunityActor {
    return { actor: context.principal.user, role, requestId: context.requestId || null };
  }

  raise(context: RequestContext, body: RaiseOpportunityBody): Promise<CommandResult<unknown>> {
    return this.commands.idempotent(context, async () => {
      const { principal } = context;
      const id = newIdOf(context, 'o');
      const db = await this.commands.db();
      await raiseOpportunity(
        db,
        { ...body, id, raisedBy: principal.user },
        this.weights,
        this.actor(context),
      );
      return { status: HttpStatus.CREATED, body: await this.view(context, id) };
    });
  }

  async matrix(filter: Parameters<typeof opportunityMatrix>[1]) {
    return opportunityMatrix(await this.commands.db(), filter);
  }

  list(filter: OpportunityFilter) {
    return this.commands.db().then((db) => listOpportunities(db, filter, this.weights));
  }

  /** Open opportunities of the service whose titles look like this one, most alike first. */
  async similar(service: string, title: string, except?: string) {
    const candidates = await openOpportunitiesOfService(await this.commands.db(), service);
    return similarByTitle(
      title,
      candidates.filter((c) => c.id !== except),
    ).slice(0, 5);
  }

  /** The opportunity, what the caller may do with it, and the open ones that look like it. */
  async view(context: RequestContext, id: string) {
    const detail = await getOpportunity(
      await this.commands.db(),
      id,
      this.weights,
      scopeOf(context.principal),
    );
    const supports = detail.supportedBy.some((s) => s.person === context.principal.user);
    const open = detail.status === 'new' || detail.status === 'accepted';
    return {
      ...detail,
      may: opportunityPermissions(context.principal, detail, this.managerRoles, supports),
      similar: open ? await this.similar(detail.service, detail.title, detail.id) : [],
    };
  }

  support(context: RequestContext, id: string, comment: string | undefined) {
    return this.commands.idempotent(context, async () => {
      const opportunity = await opportunityDepartment(await this.commands.db(), id);
      const refusal = refuseSupport(context.principal, opportunity);
      if (refusal) await this.refuse(context, 'support-opportunity', id, refusal);
      await supportOpportunity(
        await this.commands.db(),
        { id, person: context.principal.user, comment: comment ?? null },
        this.weights,
        this.actor(context),
      );
      return { status: HttpStatus.OK, body: await this.view(context, id) };
    });
  }

  withdraw(context: RequestContext, id: string) {
    return this.commands.idempotent(context, async () => {
      await withdrawSupport(
        await this.commands.db(),
        { id, person: context.principal.user },
        this.weights,
        this.actor(context),
      );
      return { status: HttpStatus.OK, body: await this.view(context, id) };
    });
  }

  comment(context: RequestContext, id: string, body: string) {
    return this.commands.idempotent(context, async () => {
      await commentOnOpportunity(
        await this.commands.db(),
        { id, author: context.principal.user, body, requestKey: updateIdOf(context) ?? null },
        this.actor(context),
      );
      return { status: HttpStatus.CREATED, body: await this.view(context, id) };
    });
  }

  triage(
    context: RequestContext,
    id: string,
    body: { decision: TriageDecision; reason?: string | undefined; duplicateOf?: string | undefined },
  ) {
    const action = (
      { accept: 'accept-opportunity', decline: 'decline-opportunity', duplicate: 'mark-duplicate' } as const
    )[body.decision];
    return this.commands.idempotent(context, async () => {
      await this.mayManage(context, id, action);
      await triageOpportunity(
        await this.commands.db(),
        { id, decision: body.decision, reason: body.reason ?? null, duplicateOf: body.duplicateOf ?? null },
        this.actor(context, triagedAs(context.principal, this.managerRoles)),
      );
      return { status: HttpStatus.OK, body: await this.view(context, id) };
    });
  }

  /**
   * Refuses (403, recorded) a caller who is not one of the opportunity's department's improvement
   * managers; 404 when there is no such opportunity.
   */
  async mayManage(context: RequestContext, id: string, action: RefusableAction): Promise<void> {
    const opportunity = await opportunityDepartment(await this.commands.db(), id);
    const refusal = refuseTriage(context.principal, opportunity, this.managerRoles);
    if (refusal) await this.refuse(context, action, id, refusal);
  }

  /** The create form of the initiative it would become: what the opportunity says, and KPIs to start from. */
  async draft(id: string) {
    const db = await this.commands.db();
    const detail = await getOpportunity(db, id, this.weights, 'all');
    const watched = detail.watchId ? await watchedKpiOf(db, detail.watchId) : null;
    return {
      opportunityId: detail.id,
      title: detail.title,
      service: detail.service,
      department: detail.department,
      description: detail.description,
      kpiHints: [
        ...(watched
          ? [{ ...watched, why: `the KPI the service watch '${detail.watchId}' found in breach` }]
          : []),
        ...KPI_HINTS[detail.benefit.category].map((hint) => ({ ...hint })),
      ],
    };
  }

  private async refuse(context: RequestContext, action: RefusableAction, subject: string, refusal: Refusal) {
    return refuseRequest(await this.commands.db(), context, { action, subject, refusal });
  }
}
