import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AppConfig } from '@cio/config';
import { insertMeasurements, recordFeedback, validateSamples } from '@cio/persistence';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';
import { APP_CONFIG } from '../infrastructure/tokens';
import { MeasurementBatcher } from './measurement-batcher';
import type { FeedbackSchema, SamplesSchema } from './measurement.schemas';

@Injectable()
export class MeasurementsService {
  /** Concurrent pushes share INSERT statements; each keeps its own answer, all or nothing. */
  private readonly batcher: MeasurementBatcher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: InitiativeCommands,
  ) {
    this.batcher = new MeasurementBatcher(async (batches) =>
      insertMeasurements(await this.commands.db(), batches),
    );
  }

  /**
   * Anyone who may see the initiative may push its measurements (monitoring tools, people). The
   * access check and the KPI names come from the access cache, so a push costs the register its
   * share of one INSERT.
   */
  push(context: RequestContext, id: string, body: z.infer<typeof SamplesSchema>) {
    return this.commands.idempotent(context, async () => {
      const { kpis } = await this.commands.authorise(context.principal, id);
      const samples = validateSamples(
        body.samples,
        kpis.map((kpi) => kpi.name),
        this.config.measurements,
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
