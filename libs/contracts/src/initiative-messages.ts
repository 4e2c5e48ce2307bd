import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, InitiativeDefinition, PlanInput } from './initiative';
import type { InitiativeState } from './initiative-state';

/**
 * Every message an initiative workflow accepts. Each takes one input object that includes the
 * acting user and role, and answers with the new state, so fields can be added later without
 * breaking running initiatives.
 */
export interface ActorInput {
  actor: Actor;
}

export type SubmitPlanInput = ActorInput & { plan: PlanInput };
export type ApprovePlanInput = ActorInput & { planVersion: number; comment?: string };
export type RejectPlanInput = ActorInput & { planVersion: number; reason: string };
export type CompleteTaskInput = ActorInput & { taskId: string };
export type CompleteTrainingInput = ActorInput & { person: string };
export type PauseInput = ActorInput & { reason: string };
export type ResumeInput = ActorInput;
export type CancelInput = ActorInput & { reason: string };
export type ExtendCycleLimitInput = ActorInput & { additionalCycles: number; reason?: string };

export const submitPlanUpdate = defineUpdate<InitiativeState, [SubmitPlanInput]>('submitPlan');
export const approvePlanUpdate = defineUpdate<InitiativeState, [ApprovePlanInput]>('approvePlan');
export const rejectPlanUpdate = defineUpdate<InitiativeState, [RejectPlanInput]>('rejectPlan');
export const completeTaskUpdate = defineUpdate<InitiativeState, [CompleteTaskInput]>('completeTask');
export const completeTrainingUpdate = defineUpdate<InitiativeState, [CompleteTrainingInput]>(
  'completeTraining',
);
export const pauseUpdate = defineUpdate<InitiativeState, [PauseInput]>('pause');
export const resumeUpdate = defineUpdate<InitiativeState, [ResumeInput]>('resume');
export const cancelUpdate = defineUpdate<InitiativeState, [CancelInput]>('cancel');
export const extendCycleLimitUpdate = defineUpdate<InitiativeState, [ExtendCycleLimitInput]>(
  'extendCycleLimit',
);

export const getStateQuery = defineQuery<InitiativeState>('getState');

/** The workflow's single input: the definition, and on continue-as-new the carried state. */
export interface InitiativeWorkflowInput {
  definition: InitiativeDefinition;
  carried?: InitiativeState;
}

export const INITIATIVE_WORKFLOW_TYPE = 'initiativeWorkflow';
export const initiativeWorkflowId = (initiativeId: string) => `initiative-${initiativeId}`;
