import {
  type CompleteTaskInput,
  type CompleteTrainingInput,
  InitiativeErrorCode as Code,
  type InitiativeState,
  type Refusal,
} from '@cio/contracts';
import { actedAs } from '../actors';
import { required } from '../invariant';
import { type InitiativeCommand, refusal, refuseIfClosed, refuseIfPaused } from './command';

function refuseUnlessImplementing(state: InitiativeState): Refusal | null {
  const blocked = refuseIfClosed(state) ?? refuseIfPaused(state);
  if (blocked) return blocked;
  return state.phase === 'Implementing' && state.plan
    ? null
    : refusal(Code.NOT_IMPLEMENTING, `phase is ${state.phase}`);
}

/** A member of the task's department confirms it is done. */
export const completeTask: InitiativeCommand<CompleteTaskInput> = {
  action: 'complete-task',
  refuse(state, input, actor) {
    const blocked = refuseUnlessImplementing(state);
    if (blocked) return blocked;
    const plan = required(state.plan, 'plan');
    const task = plan.tasks.find((t) => t.id === input.taskId);
    if (!task)
      return refusal(Code.TASK_NOT_FOUND, `no task '${input.taskId}' in plan version ${plan.version}`);
    if (!actor.departments.includes(task.department))
      return refusal(
        Code.DEPARTMENT_NOT_RESPONSIBLE,
        `task '${task.id}' is confirmed by department '${task.department}'`,
      );
    return task.doneAt
      ? refusal(Code.TASK_ALREADY_DONE, `task '${task.id}' was done at ${task.doneAt}`)
      : null;
  },
  actingAs: (state, input, actor) => {
    const department = state.plan?.tasks.find((t) => t.id === input.taskId)?.department;
    return { ...actedAs(actor), ...(department ? { department } : {}) };
  },
  apply(state, input, by, now) {
    const plan = required(state.plan, 'plan');
    const tasks = plan.tasks.map((t) => (t.id === input.taskId ? { ...t, doneAt: now, doneBy: by.user } : t));
    return { ...state, plan: { ...plan, tasks } };
  },
  details: (input) => ({ taskId: input.taskId }),
};

/** The trainee confirms their own training. */
export const completeTraining: InitiativeCommand<CompleteTrainingInput> = {
  action: 'complete-training',
  refuse(state, input, actor) {
    const blocked = refuseUnlessImplementing(state);
    if (blocked) return blocked;
    const trainee = required(state.plan, 'plan').trainees.find((t) => t.person === input.person);
    if (!trainee) return refusal(Code.TRAINEE_NOT_FOUND, `'${input.person}' is not a trainee of this plan`);
    if (actor.user !== trainee.person)
      return refusal(Code.NOT_THE_TRAINEE, 'only the trainee confirms their training');
    return trainee.completedAt
      ? refusal(
          Code.TRAINING_ALREADY_COMPLETED,
          `'${input.person}' completed training at ${trainee.completedAt}`,
        )
      : null;
  },
  actingAs: (_state, _input, actor) => actedAs(actor),
  apply(state, input, _by, now) {
    const plan = required(state.plan, 'plan');
    const trainees = plan.trainees.map((t) => (t.person === input.person ? { ...t, completedAt: now } : t));
    return { ...state, plan: { ...plan, trainees } };
  },
  details: (input) => ({ person: input.person }),
};

/** Every task done and every trainee trained: the change is live, the evaluation window may open. */
export function implementationComplete(state: InitiativeState): boolean {
  const plan = state.plan;
  return !!plan && plan.tasks.every((t) => t.doneAt) && plan.trainees.every((t) => t.completedAt);
}
