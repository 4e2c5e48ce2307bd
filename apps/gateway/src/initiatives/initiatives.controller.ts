import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  ApiErrors,
  ApiIdempotencyKey,
  ApiInitiativeCommand,
  ApiOnBehalfOf,
} from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import {
  AuditPageSchema,
  AuditQuerySchema,
  CreateInitiativeSchema,
  EvaluationListSchema,
  InitiativePageSchema,
  InitiativeResponseSchema,
  KpiNameParamSchema,
  KpiSeriesSchema,
  ListQuerySchema,
  SeriesQuerySchema,
} from './initiative.schemas';
import { CancelSchema, ExtendCycleLimitSchema, PauseSchema, ResumeSchema } from './lifecycle.schemas';
import { InitiativesService } from './initiatives.service';
import { ClosureSchema } from '../opportunities/opportunity.schemas';
import { IdParamSchema } from '../schemas/fields';
import { InitiativeStateSchema } from '../schemas/state.schemas';

const ok = (schema: z.ZodType, description: string) =>
  ApiResponse({ status: HttpStatus.OK, description, standardSchema: schema });

@ApiTags('initiatives')
@Controller('initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an initiative (starts its workflow; the caller needs a manager role of its policy)',
  })
  @ApiIdempotencyKey()
  @ApiResponse({
    status: HttpStatus.CREATED,
    description: 'The new initiative’s state.',
    standardSchema: InitiativeStateSchema,
  })
  @ApiErrors(400, 403, 409, 413, 422, 429)
  async create(
    @Context() context: RequestContext,
    @Body({ schema: CreateInitiativeSchema }) body: z.infer<typeof CreateInitiativeSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.initiatives.create(context, body));
  }

  @Get()
  @ApiOperation({ summary: 'List the register, newest first, in keyset pages (filters combine)' })
  @ok(InitiativePageSchema, 'One page and the cursor of the next.')
  @ApiErrors(400)
  list(
    @Context() context: RequestContext,
    @Query({ schema: ListQuerySchema }) query: z.infer<typeof ListQuerySchema>,
  ) {
    return this.initiatives.list(context, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One initiative: live state from its workflow, history from the register' })
  @ApiOnBehalfOf()
  @ok(InitiativeResponseSchema, 'The initiative (with On-Behalf-Of: as its delegator sees it).')
  @ApiErrors(400, 403, 404)
  get(@Context() context: RequestContext, @Param('id', { schema: IdParamSchema }) id: string) {
    return this.initiatives.get(context, id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'The audit trail in order: who, role, action, when, what changed, refusals too' })
  @ApiOnBehalfOf()
  @ok(AuditPageSchema, 'A page of the trail.')
  @ApiErrors(400, 403, 404)
  audit(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Query({ schema: AuditQuerySchema }) query: z.infer<typeof AuditQuerySchema>,
  ) {
    return this.initiatives.audit(context, id, query);
  }

  @Get(':id/evaluations')
  @ApiOperation({ summary: 'Every evaluation and follow-up review, per KPI, with change, test and interval' })
  @ApiOnBehalfOf()
  @ok(EvaluationListSchema, 'The evaluations, oldest first.')
  @ApiErrors(400, 403, 404)
  evaluations(@Context() context: RequestContext, @Param('id', { schema: IdParamSchema }) id: string) {
    return this.initiatives.evaluations(context, id);
  }

  @Get(':id/kpis/:kpi/series')
  @ApiOperation({
    summary: "A KPI's samples over time in equal buckets, each with the KPI's own aggregate (for charts)",
  })
  @ApiOnBehalfOf()
  @ok(KpiSeriesSchema, 'The buckets that hold samples, oldest first.')
  @ApiErrors(400, 403, 404)
  series(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Param('kpi', { schema: KpiNameParamSchema }) kpi: string,
    @Query({ schema: SeriesQuerySchema }) query: z.infer<typeof SeriesQuerySchema>,
  ) {
    return this.initiatives.series(context, id, kpi, query);
  }

  @Post(':id/pause')
  @ApiInitiativeCommand('Pause the initiative (manager role); deadlines stop running')
  async pause(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: PauseSchema }) body: z.infer<typeof PauseSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.initiatives.pause(context, id, body.reason));
  }

  @Post(':id/resume')
  @ApiInitiativeCommand('Resume a paused initiative (manager role)')
  async resume(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: ResumeSchema }) _body: z.infer<typeof ResumeSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.initiatives.resume(context, id));
  }

  @Post(':id/cancel')
  @ApiInitiativeCommand('Cancel (close) the initiative with a reason (manager role)')
  async cancel(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: CancelSchema }) body: z.infer<typeof CancelSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.initiatives.cancel(context, id, body.reason));
  }

  @Put(':id/closure')
  @ApiOperation({
    summary: 'Set a closed initiative’s closure code and achieved benefit, with a reason (manager role)',
  })
  @ApiIdempotencyKey()
  @ok(InitiativeResponseSchema, 'The initiative.')
  @ApiErrors(400, 403, 404, 409, 422, 429)
  async setClosure(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: ClosureSchema }) body: z.infer<typeof ClosureSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.initiatives.setClosure(context, id, body));
  }

  @Post(':id/cycle-limit-extensions')
  @ApiInitiativeCommand('Allow more optimisation cycles after the limit was reached (manager role)')
  async extend(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: ExtendCycleLimitSchema }) body: z.infer<typeof ExtendCycleLimitSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(
      response,
      await this.initiatives.extendCycleLimit(context, id, body.additionalCycles, body.reason),
    );
  }
}
