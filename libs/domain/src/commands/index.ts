import {
  type ActorInput,
  approvePlanUpdate,
  cancelUpdate,
  completeTaskUpdate,
  completeTrainingUpdate,
  extendCycleLimitUpdate,
  type InitiativeUpdate,
  pauseUpdate,
  rejectPlanUpdate,
  resumeUpdate,
  submitPlanUpdate,
} from '@cio/contracts';
import type { InitiativeCommand } from './command';
import { completeTask, completeTraining } from './implementation-progress';
import { cancel, extendCycleLimit, pause, resume } from './lifecycle-control';
import { approvePlan, rejectPlan } from './plan-decision';
import { submitPlan } from './submit-plan';

export type { InitiativeCommand } from './command';
export { implementationComplete } from './implementation-progress';
export {
  approvePlan,
  cancel,
  completeTask,
  completeTraining,
  extendCycleLimit,
  pause,
  rejectPlan,
  resume,
  submitPlan,
};

/** Every command by name. */
export const commands = {
  submitPlan,
  approvePlan,
  rejectPlan,
  completeTask,
  completeTraining,
  pause,
  resume,
  cancel,
  extendCycleLimit,
} as const;

/** A command and the workflow update it answers, with their input type kept together. */
export interface CommandBinding {
  register(
    bind: <I extends ActorInput>(update: InitiativeUpdate<I>, command: InitiativeCommand<I>) => void,
  ): void;
}

const binding = <I extends ActorInput>(
  update: InitiativeUpdate<I>,
  command: InitiativeCommand<I>,
): CommandBinding => ({ register: (bind) => bind(update, command) });

/** Every command an initiative answers: the workflow registers its updates from this table. */
export const INITIATIVE_COMMANDS: readonly CommandBinding[] = [
  binding(submitPlanUpdate, submitPlan),
  binding(approvePlanUpdate, approvePlan),
  binding(rejectPlanUpdate, rejectPlan),
  binding(completeTaskUpdate, completeTask),
  binding(completeTrainingUpdate, completeTraining),
  binding(pauseUpdate, pause),
  binding(resumeUpdate, resume),
  binding(cancelUpdate, cancel),
  binding(extendCycleLimitUpdate, extendCycleLimit),
];
