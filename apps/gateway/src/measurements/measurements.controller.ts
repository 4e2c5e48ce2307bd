import { Body, Controller, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { IngestRateLimit } from '../auth/write-throttler.guard';
import { ApiErrors, ApiIdempotencyKey } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import { IdParamSchema } from '../schemas/fields';
import {
  FeedbackResultSchema,
  FeedbackSchema,
  IngestResultSchema,
  SamplesSchema,
} from './measurement.schemas';
import { MeasurementsService } from './measurements.service';

@ApiTags('measurements')
@IngestRateLimit()
@Controller('initiatives/:id')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  @Post('measurements')
  @ApiOperation({
    summary: 'Push a batch of 1–10,000 KPI samples; all or nothing, deduplicated by clientKey',
  })
  @ApiIdempotencyKey()
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'How many were new.',
    standardSchema: IngestResultSchema,
  })
  @ApiErrors(400, 404, 413, 422, 429)
  async push(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: SamplesSchema }) body: z.infer<typeof SamplesSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.measurements.push(context, id, body));
  }

  @Post('feedback')
  @ApiOperation({ summary: 'Give feedback (a score, a comment or both), once per clientKey' })
  @ApiIdempotencyKey()
  @ApiResponse({ status: HttpStatus.CREATED, description: 'Stored.', standardSchema: FeedbackResultSchema })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'Already stored under this clientKey.',
    standardSchema: FeedbackResultSchema,
  })
  @ApiErrors(400, 404, 422, 429)
  async feedback(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: FeedbackSchema }) body: z.infer<typeof FeedbackSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.measurements.feedback(context, id, body));
  }
}
