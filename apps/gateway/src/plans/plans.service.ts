import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { approvePlanUpdate, rejectPlanUpdate, submitPlanUpdate } from '@cio/contracts';
import { approverActor, managerActor } from '../commands/actors';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';
import type { ApproveSchema, RejectSchema, SubmitPlanSchema } from './plan.schemas';

@Injectable()
export class PlansService {
  constructor(private readonly commands: InitiativeCommands) {}

  submit(context: RequestContext, id: string, plan: z.infer<typeof SubmitPlanSchema>) {
    return this.commands.update(context, id, 'submit-plan', submitPlanUpdate, ({ definition }) => ({
      actor: managerActor(context.principal, definition.policy),
      plan,
    }));
  }

  approve(context: RequestContext, id: string, planVersion: number, body: z.infer<typeof ApproveSchema>) {
    return this.commands.update(context, id, 'approve-plan', approvePlanUpdate, ({ definition }) => ({
      actor: approverActor(context.principal, definition.policy, body.role),
      planVersion,
      ...(body.comment ? { comment: body.comment } : {}),
    }));
  }

  reject(context: RequestContext, id: string, planVersion: number, body: z.infer<typeof RejectSchema>) {
    return this.commands.update(context, id, 'reject-plan', rejectPlanUpdate, ({ definition }) => ({
      actor: approverActor(context.principal, definition.policy, body.role),
      planVersion,
      reason: body.reason,
    }));
  }
}
