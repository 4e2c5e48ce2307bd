import { Body, Controller, Delete, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiErrors, ApiIdempotencyKey } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import {
  CommentSchema,
  InitiativeDraftSchema,
  MatrixQuerySchema,
  MatrixSchema,
  OpportunityIdSchema,
  OpportunityListQuerySchema,
  OpportunityPageSchema,
  OpportunityResponseSchema,
  RaiseOpportunitySchema,
  SimilarListSchema,
  SimilarQuerySchema,
  SupportSchema,
  TriageSchema,
} from './opportunity.schemas';
import { OpportunitiesService } from './opportunities.service';

const answers = (status: number, description: string, schema: z.ZodType = OpportunityResponseSchema) =>
  ApiResponse({ status, description, standardSchema: schema });

@ApiTags('opportunities')
@Controller('opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  @Post()
  @ApiOperation({
    summary: 'Raise an improvement opportunity (anyone signed in); answers with the similar open ones too',
  })
  @ApiIdempotencyKey()
  @answers(HttpStatus.CREATED, 'The new opportunity, scored.')
  @ApiErrors(400, 413, 422, 429)
  async raise(
    @Context() context: RequestContext,
    @Body({ schema: RaiseOpportunitySchema }) body: z.infer<typeof RaiseOpportunitySchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.opportunities.raise(context, body));
  }

  @Get()
  @ApiOperation({
    summary: 'The backlog: open opportunities by priority score (or newest first), filters combine',
  })
  @answers(HttpStatus.OK, 'One page and the cursor of the next.', OpportunityPageSchema)
  @ApiErrors(400)
  list(@Query({ schema: OpportunityListQuerySchema }) query: z.infer<typeof OpportunityListQuerySchema>) {
    const { q, ...filter } = query;
    return this.opportunities.list({ ...filter, ...(q ? { text: q } : {}) });
  }

  @Get('matrix')
  @ApiOperation({
    summary: 'The value-versus-effort matrix: how many opportunities each benefit level × effort cell holds',
  })
  @answers(HttpStatus.OK, 'The cells that hold any, under the filters.', MatrixSchema)
  @ApiErrors(400)
  async matrix(@Query({ schema: MatrixQuerySchema }) query: z.infer<typeof MatrixQuerySchema>) {
    const { q, ...filter } = query;
    return { cells: await this.opportunities.matrix({ ...filter, ...(q ? { text: q } : {}) }) };
  }

  @Get('similar')
  @ApiOperation({
    summary: 'Open opportunities of a service whose titles look like this one (before raising it)',
  })
  @answers(HttpStatus.OK, 'The most alike first, at most five.', SimilarListSchema)
  @ApiErrors(400)
  async similar(@Query({ schema: SimilarQuerySchema }) query: z.infer<typeof SimilarQuerySchema>) {
    return { items: await this.opportunities.similar(query.service, query.title) };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One opportunity: its score and parts, supporters, comments, trail, and the initiative it became',
  })
  @answers(HttpStatus.OK, 'The opportunity.')
  @ApiErrors(400, 404)
  get(@Context() context: RequestContext, @Param('id', { schema: OpportunityIdSchema }) id: string) {
    return this.opportunities.view(context, id);
  }

  @Get(':id/initiative-draft')
  @ApiOperation({ summary: 'The create form of the initiative it would become, pre-filled, with KPI hints' })
  @answers(HttpStatus.OK, 'The draft.', InitiativeDraftSchema)
  @ApiErrors(400, 404)
  draft(@Param('id', { schema: OpportunityIdSchema }) id: string) {
    return this.opportunities.draft(id);
  }

  @Post(':id/support')
  @ApiOperation({ summary: 'Support it (+1, once per person, with an optional comment); raises its score' })
  @ApiIdempotencyKey()
  @answers(HttpStatus.OK, 'The opportunity.')
  @ApiErrors(400, 403, 404, 422, 429)
  async support(
    @Context() context: RequestContext,
    @Param('id', { schema: OpportunityIdSchema }) id: string,
    @Body({ schema: SupportSchema }) body: z.infer<typeof SupportSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.opportunities.support(context, id, body.comment));
  }

  @Delete(':id/support')
  @ApiOperation({ summary: 'Take your support back' })
  @ApiIdempotencyKey()
  @answers(HttpStatus.OK, 'The opportunity.')
  @ApiErrors(400, 404, 422, 429)
  async withdraw(
    @Context() context: RequestContext,
    @Param('id', { schema: OpportunityIdSchema }) id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.opportunities.withdraw(context, id));
  }

  @Post(':id/comments')
  @ApiOperation({ summary: 'Comment on it' })
  @ApiIdempotencyKey()
  @answers(HttpStatus.CREATED, 'The opportunity.')
  @ApiErrors(400, 404, 413, 422, 429)
  async comment(
    @Context() context: RequestContext,
    @Param('id', { schema: OpportunityIdSchema }) id: string,
    @Body({ schema: CommentSchema }) body: z.infer<typeof CommentSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.opportunities.comment(context, id, body.body));
  }

  @Post(':id/triage')
  @ApiOperation({
    summary: "Accept, decline (with a reason) or mark as a duplicate (the department's improvement managers)",
  })
  @ApiIdempotencyKey()
  @answers(HttpStatus.OK, 'The opportunity.')
  @ApiErrors(400, 403, 404, 409, 422, 429)
  async triage(
    @Context() context: RequestContext,
    @Param('id', { schema: OpportunityIdSchema }) id: string,
    @Body({ schema: TriageSchema }) body: z.infer<typeof TriageSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.opportunities.triage(context, id, body));
  }
}
