import { Injectable } from '@nestjs/common';
import { completeTaskUpdate, completeTrainingUpdate } from '@cio/contracts';
import { departmentActor, personActor } from '../commands/actors';
import { InitiativeCommands } from '../commands/initiative-commands.service';
import type { RequestContext } from '../commands/request-context';

@Injectable()
export class ImplementationService {
  constructor(private readonly commands: InitiativeCommands) {}

  /** A member of the task's department confirms it (the register knows which department owns it). */
  completeTask(context: RequestContext, id: string, taskId: string) {
    return this.commands.update(context, id, 'complete-task', completeTaskUpdate, async () => {
      const [task]: { department: string }[] = await (
        await this.commands.db()
      ).query(
        `SELECT department FROM plan_tasks WHERE initiative_id = $1 AND task_id = $2
          ORDER BY cycle DESC, plan_version DESC LIMIT 1`,
        [id, taskId],
      );
      return { actor: departmentActor(context.principal, task?.department), taskId };
    });
  }

  /** The trainee confirms their own training. */
  completeTraining(context: RequestContext, id: string, person: string) {
    return this.commands.update(context, id, 'complete-training', completeTrainingUpdate, () => ({
      actor: personActor(context.principal, person),
      person,
    }));
  }
}
