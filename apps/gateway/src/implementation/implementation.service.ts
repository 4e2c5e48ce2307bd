import { Injectable } from '@nestjs/common';
import { completeTaskUpdate, completeTrainingUpdate } from '@cio/contracts';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';

@Injectable()
export class ImplementationService {
  constructor(private readonly commands: InitiativeCommands) {}

  /** A member of the task's department confirms it. */
  completeTask(context: RequestContext, id: string, taskId: string) {
    return this.commands.update(context, id, 'complete-task', completeTaskUpdate, { taskId });
  }

  /** The trainee confirms their own training. */
  completeTraining(context: RequestContext, id: string, person: string) {
    return this.commands.update(context, id, 'complete-training', completeTrainingUpdate, { person });
  }
}
