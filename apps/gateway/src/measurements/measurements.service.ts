import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AppConfig } from '@cio/config';
import { refuseMeasurements } from '@cio/domain';
import { insertMeasurements, recordFeedback, recordRefusedRequest, validateSamples } from '@cio/persistence';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';
import { GatewayError } from '../errors/gateway-error';
import { APP_CONFIG } from '../infrastructure/tokens';
import { MeasurementBatcher, statementsFor } from './measurement-batcher';
import type { FeedbackSchema, SamplesSchema } from './measurement.schemas';

@Injectable()
export class MeasurementsService {
  /** Concurrent pushes share INSERT statements; each keeps its own answer, all or nothing. */
  private readonly batcher: MeasurementBatcher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: InitiativeCommands,
  ) {
    this.batcher = new MeasurementBatcher(
      async (batches) => insertMeasurements(await this.commands.db(), batches),
      { maxStatements: statementsFor(config.database.poolSize) },
    );
  }

  /**
   * The initiative's department (its people, the monitoring tools acting for it), its policy's
   * roles and admins push its measurements (the domain's refuseMeasurements); anyone else who sees
   * it is refused, and the refusal recorded with the refused requests an admin reads (not in the
   * initiative's trail: a busy tool pushing at the ingest limit would bury it). The access check
   * and the KPI names come from the access cache, so a push costs the register its share of one
   * INSERT.
   */
  push(context: RequestContext, id: string, body: z.infer<typeof SamplesSchema>) {
    return this.commands.idempotent(context, async () => {
      const access = await this.commands.accessOf(context.principal, id);
      const refusal = refuseMeasurements(access, context.principal);
      if (refusal) {
        const { user, roles, departments } = context.principal;
        await recordRefusedRequest(await this.commands.db(), {
          ...{ actor: user, roles, departments, action: 'push-measurements' },
          ...{ code: refusal.code, message: refusal.message, subject: id, details: {} },
          requestId: context.requestId || null,
        });
        throw GatewayError.forbidden(refusal.code, refusal.message);
      }
      const { kpis } = access.definition;
      const samples = validateSamples(
        body.samples,
        kpis.filter((kpi) => !kpi.source).map((kpi) => kpi.name),
        this.config.measurements,
        kpis.filter((kpi) => kpi.source).map((kpi) => kpi.name),
      );
      const result = await this.batcher.insert({ initiativeId: id, samples });
      return { status: HttpStatus.OK, body: result };
    });
  }

  feedback(context: RequestContext, id: string, body: z.infer<typeof FeedbackSchema>) {
    return this.commands.idempotent(context, async () => {
      await this.commands.authorise(context.principal, id);
      const result = await recordFeedback(await this.commands.db(), id, context.principal.user, body);
      return { status: result.stored ? HttpStatus.CREATED : HttpStatus.OK, body: result };
    });
  }
}
