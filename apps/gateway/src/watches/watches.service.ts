import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError } from '@temporalio/client';
import type { z } from 'zod';
import type { AppConfig } from '@cio/config';
import {
  InitiativeErrorCode,
  type Refusal,
  RegisterErrorCode,
  type ServiceWatchDefinition,
  WATCH_WORKFLOW_TYPE,
  type WatchAction,
  watchScheduleId,
} from '@cio/contracts';
import { DataSources } from '@cio/data-sources';
import { refuseWatchManagement, refuseWatchSamples } from '@cio/domain';
import {
  createWatch,
  getWatch,
  ingestWatchSamples,
  listWatches,
  RegisterError,
  validateSamples,
  watchChecks,
} from '@cio/persistence';
import { isAdmin } from '../auth/principal';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import { refuseRequest } from '../commands/refused-request';
import { refuseSources } from '../data-sources/source-refusal';
import { type RequestContext, newIdOf, updateIdOf } from '../commands/request-context';
import { GatewayError } from '../errors/gateway-error';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infrastructure/tokens';
import type {
  ChecksQuerySchema,
  CreateWatchBody,
  ListWatchesQuerySchema,
  WatchSamplesSchema,
  WatchSchedule,
} from './watch.schemas';

/** The latest checks a watch's page shows. */
const LAST_CHECKS = 20;

/** Temporal's floor for a schedule's catch-up window. */
const MIN_CATCHUP_WINDOW_MS = 10_000;

/**
 * Service watches: the register's row and the watch's Temporal Schedule (`watch-<id>`, which ops
 * pause, resume and list in the Temporal UI too). Creating, pausing and resuming one is for who
 * triages what it raises; pushing its samples for its department.
 */
@Injectable()
export class WatchesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: InitiativeCommands,
    private readonly dataSources: DataSources,
  ) {}

  /** Enters the watch, then its schedule: a keyed retry finds both (or the row only) and completes them. */
  create(context: RequestContext, body: CreateWatchBody) {
    return this.commands.idempotent(context, async () => {
      const { principal } = context;
      const id = body.id ?? newIdOf(context, 'w', { short: true });
      const watch: ServiceWatchDefinition = { ...body, id, baselinePeriodMs: body.baselinePeriodMs ?? 0 };
      const refusal =
        refuseWatchManagement(principal, watch, this.config.initiatives.creatorRoles) ??
        this.refuseInterval(watch) ??
        (await this.refuseSource(watch));
      if (refusal) await this.refused(context, 'create-watch', id, refusal);
      await createWatch(await this.commands.db(), watch, principal.user, updateIdOf(context) ?? null);
      await this.schedule(watch, principal.user);
      return { status: HttpStatus.CREATED, body: await this.detail(context, id) };
    });
  }

  async list(context: RequestContext, query: z.infer<typeof ListWatchesQuerySchema>) {
    const page = await listWatches(await this.commands.db(), { ...query, limit: query.limit ?? 200 });
    const { creatorRoles } = this.config.initiatives;
    const mayCreate = context.principal.departments.some(
      (department) => refuseWatchManagement(context.principal, { department }, creatorRoles) === null,
    );
    return { ...page, mayCreate: mayCreate || isAdmin(context.principal) };
  }

  /** The watch, its schedule as Temporal has it, and its latest checks. */
  async detail(context: RequestContext, id: string) {
    const db = await this.commands.db();
    const watch = await getWatch(db, id);
    const may = {
      manage: refuseWatchManagement(context.principal, watch, this.config.initiatives.creatorRoles) === null,
      pushSamples: !watch.definition.kpi.source && refuseWatchSamples(context.principal, watch) === null,
    };
    const [schedule, checks] = await Promise.all([
      this.scheduleOf(id),
      watchChecks(db, id, { limit: LAST_CHECKS }),
    ]);
    return { watch, schedule, lastChecks: checks.items, may };
  }

  async checks(id: string, query: z.infer<typeof ChecksQuerySchema>) {
    const db = await this.commands.db();
    await getWatch(db, id);
    return watchChecks(db, id, {
      ...(query.before ? { before: query.before } : {}),
      limit: query.limit ?? 500,
    });
  }

  /** Samples of a watch whose KPI is pushed, checked as measurements are (time range, client keys). */
  pushSamples(context: RequestContext, id: string, body: z.infer<typeof WatchSamplesSchema>) {
    return this.commands.idempotent(context, async () => {
      const db = await this.commands.db();
      const watch = await getWatch(db, id);
      const refusal = refuseWatchSamples(context.principal, watch);
      if (refusal) await this.refused(context, 'push-watch-samples', id, refusal);
      const { kpi } = watch.definition;
      if (kpi.source) {
        const message = `the watch pulls '${kpi.name}' from data source '${kpi.source.dataSource}'; it is not pushed`;
        throw new RegisterError(RegisterErrorCode.INVALID_MEASUREMENTS, message, [
          { field: 'samples', message },
        ]);
      }
      const samples = validateSamples(
        body.samples.map((sample) => ({ ...sample, kpi: kpi.name })),
        [kpi.name],
        this.config.measurements,
      );
      return { status: HttpStatus.OK, body: await ingestWatchSamples(db, id, samples) };
    });
  }

  /** Pauses or resumes the watch's schedule, with who did it and why as the schedule's note. */
  setPaused(context: RequestContext, id: string, paused: boolean, note: string | undefined) {
    return this.commands.idempotent(context, async () => {
      const watch = await getWatch(await this.commands.db(), id);
      const refusal = refuseWatchManagement(context.principal, watch, this.config.initiatives.creatorRoles);
      if (refusal) await this.refused(context, paused ? 'pause-watch' : 'resume-watch', id, refusal);
      const handle = this.client.schedule.getHandle(watchScheduleId(id));
      const said = `${paused ? 'paused' : 'resumed'} by ${context.principal.user}${note ? `: ${note}` : ''}`;
      await (paused ? handle.pause(said) : handle.unpause(said)).catch(missingSchedule(id));
      return { status: HttpStatus.OK, body: await this.scheduleOrMissing(id) };
    });
  }

  /** The refusal recorded with the refused requests (the watch may not exist yet), then thrown. */
  private async refused(context: RequestContext, action: WatchAction, subject: string, refusal: Refusal) {
    return refuseRequest(await this.commands.db(), context, { action, subject, refusal });
  }

  /** Checks no more often than the configured floor (as initiatives' nudges). */
  private refuseInterval(watch: ServiceWatchDefinition): Refusal | null {
    const floor = this.config.initiatives.minIntervalMs;
    if (watch.checkIntervalMs >= floor) return null;
    const message = `must be at least ${floor} ms`;
    return {
      code: InitiativeErrorCode.INVALID_DEFINITION,
      message: `checkIntervalMs: ${message}`,
      problems: [{ field: 'checkIntervalMs', message }],
    };
  }

  /**
   * A pulled KPI's query asked once of its data source (422 when refused). A source that cannot be
   * reached now is an outage: 503, nothing created, and a retry tries again.
   */
  private refuseSource(watch: ServiceWatchDefinition): Promise<Refusal | null> {
    const { source } = watch.kpi;
    return refuseSources(this.dataSources, source ? [{ source, field: 'kpi.source' }] : []);
  }

  /** The schedule that starts a check every interval; one that exists already (a retry) is the watch's. */
  private async schedule(watch: ServiceWatchDefinition, createdBy: string): Promise<void> {
    await this.client.schedule
      .create({
        scheduleId: watchScheduleId(watch.id),
        spec: { intervals: [{ every: watch.checkIntervalMs }] },
        action: {
          type: 'startWorkflow',
          workflowType: WATCH_WORKFLOW_TYPE,
          taskQueue: this.config.temporal.taskQueue,
          workflowId: watchScheduleId(watch.id),
          args: [{ watchId: watch.id }],
        },
        // A check looks at the period ending when it runs: missed ones are not worth catching up,
        // and one running (a source slow to answer) makes the next wait for the one after.
        policies: {
          overlap: 'SKIP',
          catchupWindow: Math.max(watch.checkIntervalMs, MIN_CATCHUP_WINDOW_MS),
        },
        state: { note: `created by ${createdBy}` },
      })
      .catch((error: unknown) => {
        if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      });
  }

  private async scheduleOf(id: string): Promise<WatchSchedule | null> {
    const scheduleId = watchScheduleId(id);
    try {
      const { state, info } = await this.client.schedule.getHandle(scheduleId).describe();
      return {
        scheduleId,
        paused: state.paused,
        note: state.note ?? null,
        nextRunTimes: info.nextActionTimes.map((at) => at.toISOString()),
        recentRuns: info.recentActions.map((run) => ({
          scheduledAt: run.scheduledAt.toISOString(),
          takenAt: run.takenAt.toISOString(),
          workflowId: run.action.workflow.workflowId,
        })),
      };
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return null;
      throw error;
    }
  }

  private async scheduleOrMissing(id: string): Promise<WatchSchedule> {
    const schedule = await this.scheduleOf(id);
    if (!schedule) throw scheduleNotFound(id);
    return schedule;
  }
}

/** A watch whose schedule was deleted (in the Temporal UI) cannot be paused or resumed: 404. */
const scheduleNotFound = (id: string) =>
  new GatewayError(
    HttpStatus.NOT_FOUND,
    RegisterErrorCode.WATCH_NOT_FOUND,
    `the schedule of watch '${id}' (${watchScheduleId(id)}) was not found`,
  );

function missingSchedule(id: string) {
  return (error: unknown): never => {
    throw error instanceof ScheduleNotFoundError ? scheduleNotFound(id) : error;
  };
}
