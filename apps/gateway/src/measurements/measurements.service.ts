import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AppConfig } from '@cio/config';
import { ingestMeasurements, recordFeedback } from '@cio/persistence';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';
import { APP_CONFIG } from '../infrastructure/tokens';
import type { FeedbackSchema, SamplesSchema } from './measurement.schemas';

@Injectable()
export class MeasurementsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: InitiativeCommands,
  ) {}

  /** Anyone who may see the initiative may push its measurements (monitoring tools, people). */
  push(context: RequestContext, id: string, body: z.infer<typeof SamplesSchema>) {
    return this.commands.idempotent(context, async () => {
      await this.commands.visible(context.principal, id);
      const result = await ingestMeasurements(
        await this.commands.db(),
        id,
        body.samples,
        this.config.measurements,
      );
      return { status: HttpStatus.OK, body: result };
    });
  }

  feedback(context: RequestContext, id: string, body: z.infer<typeof FeedbackSchema>) {
    return this.commands.idempotent(context, async () => {
      await this.commands.visible(context.principal, id);
      const result = await recordFeedback(await this.commands.db(), id, context.principal.user, body);
      return { status: result.stored ? HttpStatus.CREATED : HttpStatus.OK, body: result };
    });
  }
}
