import { defineUpdate } from '@temporalio/workflow';

/** Where the bare workflow is; the stages the real lifecycle passes through on its shortest cycle. */
export type BareStage =
  'assessing' | 'planning' | 'awaiting-approval' | 'implementing' | 'evaluating' | 'sustaining' | 'closed';

/** The bare workflow's whole state, carried across its one continue-as-new as the real one's is. */
export interface BareProgress {
  stage: BareStage;
  /** Steps recorded so far: the sequence number of the next row, as the real audit sequence. */
  steps: number;
  approvals: number;
  /** Tasks done and trainees trained. */
  completed: number;
  /** When the follow-up review is due (epoch ms), set before the continue-as-new. */
  followUpAt: number | null;
}

export interface BareLifecycleInput {
  id: string;
  /** The assessment period, the evaluation window and the follow-up interval. */
  windowMs: number;
  /** How long approvals and implementation wait before a reminder, as the real policy's nudges. */
  nudgeAfterMs: number;
  carried?: BareProgress;
}

/** The real update's input, taken as it is: the bare workflow only records it. */
export type BareStepInput = Record<string, unknown>;

// The real updates' names, so that one driver sends the same messages to both workflows.
export const bareSubmitPlanUpdate = defineUpdate<BareProgress, [BareStepInput]>('submitPlan');
export const bareApprovePlanUpdate = defineUpdate<BareProgress, [BareStepInput]>('approvePlan');
export const bareCompleteTaskUpdate = defineUpdate<BareProgress, [BareStepInput]>('completeTask');
export const bareCompleteTrainingUpdate = defineUpdate<BareProgress, [BareStepInput]>('completeTraining');

export const BARE_LIFECYCLE_WORKFLOW_TYPE = 'bareLifecycleWorkflow';
