import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { ActedAs, Actor, InitiativeDefinition, PlanInput } from './initiative';
import type { InitiativeAnswer, InitiativeState } from './initiative-state';

/**
 * Every message an initiative workflow accepts. Each takes one input object that includes the
 * acting user and role, and answers with the new state, so fields can be added later without
 * breaking running initiatives.
 */
export interface ActorInput {
  /** Who acts; histories recorded before actors carried their roles hold an ActedAs. */
  actor: Actor | ActedAs;
  /** The gateway's request id: the audit entry of the accepted step carries it. */
  requestId?: string;
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

/** An update of the initiative workflow: one input object, the new state as its answer. */
export type InitiativeUpdate<I extends ActorInput> = UpdateDefinition<InitiativeAnswer, [I]>;

/** The most additional cycles one extension of the cycle limit may grant. */
export const MAX_ADDITIONAL_CYCLES = 20;

export const submitPlanUpdate = defineUpdate<InitiativeAnswer, [SubmitPlanInput]>('submitPlan');
export const approvePlanUpdate = defineUpdate<InitiativeAnswer, [ApprovePlanInput]>('approvePlan');
export const rejectPlanUpdate = defineUpdate<InitiativeAnswer, [RejectPlanInput]>('rejectPlan');
export const completeTaskUpdate = defineUpdate<InitiativeAnswer, [CompleteTaskInput]>('completeTask');
export const completeTrainingUpdate = defineUpdate<InitiativeAnswer, [CompleteTrainingInput]>(
  'completeTraining',
);
export const pauseUpdate = defineUpdate<InitiativeAnswer, [PauseInput]>('pause');
export const resumeUpdate = defineUpdate<InitiativeAnswer, [ResumeInput]>('resume');
export const cancelUpdate = defineUpdate<InitiativeAnswer, [CancelInput]>('cancel');
export const extendCycleLimitUpdate = defineUpdate<InitiativeAnswer, [ExtendCycleLimitInput]>(
  'extendCycleLimit',
);

export const getStateQuery = defineQuery<InitiativeAnswer>('getState');

/**
 * The revision of the workflow's command sequence that new runs follow. A run keeps the revision
 * it was started with (absent: 1), so that a history recorded before a revision replays unchanged;
 * continue-as-new moves a running initiative to the current one. Revisions:
 * 1. every change of state upserts all six search attributes;
 * 2. only the attributes that changed are upserted, at most once per workflow task, none when
 *    nothing did (a new start carries the initial ones, a continued run the previous run's);
 * 3. a step the initiative takes by itself applies to the state as it is once its notices are
 *    sent: skipped when the phase, cycle or plan changed meanwhile (an update accepted while an
 *    activity ran), and implementation nudges keep what was done meanwhile.
 */
export const INITIATIVE_WORKFLOW_REVISION = 3;

/** The workflow's single input: the definition, and on continue-as-new the carried state. */
export interface InitiativeWorkflowInput {
  definition: InitiativeDefinition;
  /** Who created it, and under which request (absent in runs started before they were recorded). */
  createdBy?: ActedAs;
  requestId?: string;
  carried?: InitiativeState;
  /** See INITIATIVE_WORKFLOW_REVISION; absent in runs started before revisions existed. */
  revision?: number;
}

export const INITIATIVE_WORKFLOW_TYPE = 'initiativeWorkflow';
export const initiativeWorkflowId = (initiativeId: string) => `initiative-${initiativeId}`;
