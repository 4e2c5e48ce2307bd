import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiErrors, ApiIdempotencyKey } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import { IngestResultSchema } from '../measurements/measurement.schemas';
import {
  ChecksQuerySchema,
  CreateWatchSchema,
  ListWatchesQuerySchema,
  ScheduleNoteSchema,
  WatchCheckPageSchema,
  WatchDetailSchema,
  WatchIdParamSchema,
  WatchPageSchema,
  WatchSamplesSchema,
  WatchScheduleSchema,
} from './watch.schemas';
import { WatchesService } from './watches.service';

const ok = (schema: z.ZodType, description: string) =>
  ApiResponse({ status: HttpStatus.OK, description, standardSchema: schema });

@ApiTags('watches')
@Controller('watches')
export class WatchesController {
  constructor(private readonly watches: WatchesService) {}

  @Post()
  @ApiOperation({
    summary: "Create a service watch and its Temporal Schedule (a manager role in the watch's department)",
  })
  @ApiIdempotencyKey()
  @ApiResponse({
    status: HttpStatus.CREATED,
    description: 'The new watch.',
    standardSchema: WatchDetailSchema,
  })
  @ApiErrors(400, 403, 409, 413, 422, 429)
  async create(
    @Context() context: RequestContext,
    @Body({ schema: CreateWatchSchema }) body: z.infer<typeof CreateWatchSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.watches.create(context, body));
  }

  @Get()
  @ApiOperation({ summary: 'List the service watches by id, with where their checks stand' })
  @ok(WatchPageSchema, 'One page and the id to continue after.')
  @ApiErrors(400)
  list(
    @Context() context: RequestContext,
    @Query({ schema: ListWatchesQuerySchema }) query: z.infer<typeof ListWatchesQuerySchema>,
  ) {
    return this.watches.list(context, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One watch: its definition, its schedule (paused? next runs) and its latest checks',
  })
  @ok(WatchDetailSchema, 'The watch.')
  @ApiErrors(400, 404)
  get(@Context() context: RequestContext, @Param('id', { schema: WatchIdParamSchema }) id: string) {
    return this.watches.detail(context, id);
  }

  @Get(':id/checks')
  @ApiOperation({ summary: "The watch's checks, newest first, with their evidence (for its chart)" })
  @ok(WatchCheckPageSchema, 'A page of checks.')
  @ApiErrors(400, 404)
  checks(
    @Param('id', { schema: WatchIdParamSchema }) id: string,
    @Query({ schema: ChecksQuerySchema }) query: z.infer<typeof ChecksQuerySchema>,
  ) {
    return this.watches.checks(id, query);
  }

  @Post(':id/samples')
  @ApiOperation({ summary: "Push samples of a watch's KPI (watches without a data source; its department)" })
  @ApiIdempotencyKey()
  @ok(IngestResultSchema, 'How many were stored, and how many had been already.')
  @ApiErrors(400, 403, 404, 413, 422, 429)
  async samples(
    @Context() context: RequestContext,
    @Param('id', { schema: WatchIdParamSchema }) id: string,
    @Body({ schema: WatchSamplesSchema }) body: z.infer<typeof WatchSamplesSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.watches.pushSamples(context, id, body));
  }

  @Post(':id/pause')
  @ApiOperation({ summary: "Pause the watch's schedule, with a note (a manager role in its department)" })
  @ApiIdempotencyKey()
  @ok(WatchScheduleSchema, 'The schedule, paused.')
  @ApiErrors(400, 403, 404, 422, 429)
  async pause(
    @Context() context: RequestContext,
    @Param('id', { schema: WatchIdParamSchema }) id: string,
    @Body({ schema: ScheduleNoteSchema }) body: z.infer<typeof ScheduleNoteSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.watches.setPaused(context, id, true, body.note));
  }

  @Post(':id/resume')
  @ApiOperation({ summary: "Resume the watch's schedule, with a note (a manager role in its department)" })
  @ApiIdempotencyKey()
  @ok(WatchScheduleSchema, 'The schedule, running.')
  @ApiErrors(400, 403, 404, 422, 429)
  async resume(
    @Context() context: RequestContext,
    @Param('id', { schema: WatchIdParamSchema }) id: string,
    @Body({ schema: ScheduleNoteSchema }) body: z.infer<typeof ScheduleNoteSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.watches.setPaused(context, id, false, body.note));
  }
}
