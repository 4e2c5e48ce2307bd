import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { portfolio, serviceFeedback } from '@cio/persistence';
import { ApiErrors } from '../commands/api-decorators';
import { scopeOf } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { RegisterDatabase } from '../infrastructure/register-database';
import {
  FeedbackQuerySchema,
  FeedbackSchema,
  PortfolioQuerySchema,
  PortfolioSchema,
  ServiceParamSchema,
} from './portfolio.schemas';

/** How the initiatives the caller may see stand and what they achieved; feedback per service. */
@ApiTags('portfolio')
@Controller()
export class PortfolioController {
  constructor(private readonly database: RegisterDatabase) {}

  @Get('portfolio')
  @ApiOperation({
    summary: 'The portfolio: phases, overdue waits, cycles met, improvements, benefits, closure codes',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The portfolio over what you may see.',
    standardSchema: PortfolioSchema,
  })
  @ApiErrors(400)
  async portfolio(
    @Context() context: RequestContext,
    @Query({ schema: PortfolioQuerySchema }) query: z.infer<typeof PortfolioQuerySchema>,
  ) {
    return portfolio(await this.database.ready(), scopeOf(context.principal), query);
  }

  @Get('services/:service/feedback')
  @ApiOperation({ summary: "A service's customer feedback: the weekly score trend and the latest comments" })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The feedback you may see.',
    standardSchema: FeedbackSchema,
  })
  @ApiErrors(400)
  async feedback(
    @Context() context: RequestContext,
    @Param('service', { schema: ServiceParamSchema }) service: string,
    @Query({ schema: FeedbackQuerySchema }) query: z.infer<typeof FeedbackQuerySchema>,
  ) {
    return serviceFeedback(await this.database.ready(), scopeOf(context.principal), {
      service,
      weeks: query.weeks ?? 26,
      latest: query.latest ?? 20,
    });
  }
}
