import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { approvePlanUpdate, rejectPlanUpdate, submitPlanUpdate } from '@cio/contracts';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';
import type { ApproveSchema, RejectSchema, SubmitPlanSchema } from './plan.schemas';

@Injectable()
export class PlansService {
  constructor(private readonly commands: InitiativeCommands) {}

  submit(context: RequestContext, id: string, plan: z.infer<typeof SubmitPlanSchema>) {
    return this.commands.update(context, id, 'submit-plan', submitPlanUpdate, { plan });
  }

  approve(context: RequestContext, id: string, planVersion: number, body: z.infer<typeof ApproveSchema>) {
    const { role, comment } = body;
    const input = { planVersion, ...(comment ? { comment } : {}) };
    return this.commands.update(context, id, 'approve-plan', approvePlanUpdate, input, role ? { role } : {});
  }

  reject(context: RequestContext, id: string, planVersion: number, body: z.infer<typeof RejectSchema>) {
    const { role, reason } = body;
    return this.commands.update(
      context,
      id,
      'reject-plan',
      rejectPlanUpdate,
      { planVersion, reason },
      role ? { role } : {},
    );
  }
}
