import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiErrors } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { InitiativeSummarySchema } from '../initiatives/initiative.schemas';
import { WaitingOnSchema } from '../schemas/state.schemas';
import { describes } from '../schemas/same-type';
import { type MyWorkItem, WorkService } from './work.service';

const WorkQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() });
const WorkItemSchema = describes<MyWorkItem>()(
  z.object({
    initiative: InitiativeSummarySchema,
    waits: z.array(WaitingOnSchema).describe('the waits that are yours (or theirs, with onBehalfOf)'),
    onBehalfOf: z
      .string()
      .optional()
      .describe('set when these wait on someone you stand in for now: act on them with On-Behalf-Of'),
  }),
);
const WorkSchema = z.object({ items: z.array(WorkItemSchema) }).meta({ id: 'MyWork' });

@ApiTags('work')
@Controller('me')
export class WorkController {
  constructor(private readonly workService: WorkService) {}

  @Get('work')
  @ApiOperation({
    summary:
      'Everything waiting on your roles, departments or you, and on whom you stand in for, earliest deadline first',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'Your waits, with due dates.',
    standardSchema: WorkSchema,
  })
  @ApiErrors(400)
  async work(
    @Context() context: RequestContext,
    @Query({ schema: WorkQuerySchema }) query: z.infer<typeof WorkQuerySchema>,
  ) {
    return this.workService.mine(context.principal, query.limit);
  }
}
