import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiInitiativeCommand } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import { IdParamSchema } from '../schemas/fields';
import { EmptySchema, PersonSchema, TaskIdSchema } from './implementation.schemas';
import { ImplementationService } from './implementation.service';

@ApiTags('implementation')
@Controller('initiatives/:id')
export class ImplementationController {
  constructor(private readonly implementation: ImplementationService) {}

  @Post('tasks/:taskId/completion')
  @ApiInitiativeCommand('Confirm a task of the approved plan is done (a member of its department)')
  async completeTask(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Param('taskId', { schema: TaskIdSchema }) taskId: string,
    @Body({ schema: EmptySchema }) _body: z.infer<typeof EmptySchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.implementation.completeTask(context, id, taskId));
  }

  @Post('trainings/:person/completion')
  @ApiInitiativeCommand('Confirm your own training is complete (the trainee)')
  async completeTraining(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Param('person', { schema: PersonSchema }) person: string,
    @Body({ schema: EmptySchema }) _body: z.infer<typeof EmptySchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.implementation.completeTraining(context, id, person));
  }
}
