import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ApiInitiativeCommand } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { respond } from '../commands/respond';
import { IdParamSchema } from '../schemas/fields';
import { ApproveSchema, PlanVersionParamSchema, RejectSchema, SubmitPlanSchema } from './plan.schemas';
import { PlansService } from './plans.service';

@ApiTags('plans')
@Controller('initiatives/:id/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @ApiInitiativeCommand('Submit the cycle’s plan (manager role); a rework is a new version')
  async submit(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Body({ schema: SubmitPlanSchema }) body: z.infer<typeof SubmitPlanSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.plans.submit(context, id, body));
  }

  @Post(':version/approvals')
  @ApiInitiativeCommand('Approve a plan version (a role the approval policy names)')
  async approve(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Param('version', { schema: PlanVersionParamSchema }) version: number,
    @Body({ schema: ApproveSchema }) body: z.infer<typeof ApproveSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.plans.approve(context, id, version, body));
  }

  @Post(':version/rejections')
  @ApiInitiativeCommand('Reject a plan version with a reason (a role the approval policy names)')
  async reject(
    @Context() context: RequestContext,
    @Param('id', { schema: IdParamSchema }) id: string,
    @Param('version', { schema: PlanVersionParamSchema }) version: number,
    @Body({ schema: RejectSchema }) body: z.infer<typeof RejectSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    return respond(response, await this.plans.reject(context, id, version, body));
  }
}
