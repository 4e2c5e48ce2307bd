import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { InitiativeErrorCode } from '@cio/contracts';
import type { BareActivities } from './bare-lifecycle.activities';
import {
  bareApprovePlanUpdate,
  bareCompleteTaskUpdate,
  bareCompleteTrainingUpdate,
  type BareLifecycleInput,
  type BareProgress,
  type BareStage,
  type BareStepInput,
  bareSubmitPlanUpdate,
} from './bare-lifecycle.messages';

/** The real register writes' timeout and retries (REGISTER_WRITE in workflows/src/activity-profiles.ts). */
const { recordStep } = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The baseline of the lifecycle benchmark: the initiative workflow's shortest complete cycle with
 * nothing but its waits and its activities. Every wait the real workflow makes is here (the same
 * timers, fired or cancelled, the same five updates, the one continue-as-new), and every activity
 * it runs is one `recordStep` row. No domain rules, no search attributes, a small state.
 */
export async function bareLifecycleWorkflow(input: BareLifecycleInput): Promise<BareProgress> {
  const { workflowId } = workflowInfo();
  const progress: BareProgress = input.carried ?? {
    stage: 'assessing',
    steps: 0,
    approvals: 0,
    completed: 0,
    followUpAt: null,
  };

  /**
   * Waits for a window that began when it was set, before the step that recorded it, as the real
   * windows do: no timer at all when the window has already passed.
   */
  async function waitUntil(deadline: number): Promise<void> {
    const ms = deadline - Date.now();
    if (ms > 0) await sleep(ms);
  }

  async function record(step: string, details: Record<string, unknown> = {}): Promise<void> {
    progress.steps += 1;
    await recordStep({ workflowId, sequence: progress.steps, step, details });
  }

  /** Accepted only in `stage`, as the real validators refuse; the handler records, as the real one audits. */
  function handle(
    update: UpdateDefinition<BareProgress, [BareStepInput]>,
    stage: BareStage,
    refusal: InitiativeErrorCode,
    apply: () => void,
  ): void {
    setHandler(
      update,
      async (message: BareStepInput) => {
        apply();
        await record(update.name, message);
        return progress;
      },
      {
        validator: (_message: BareStepInput) => {
          if (progress.stage !== stage)
            throw ApplicationFailure.create({ type: refusal, message: progress.stage, nonRetryable: true });
        },
      },
    );
  }

  handle(bareSubmitPlanUpdate, 'planning', InitiativeErrorCode.NOT_IN_PLANNING, () => {
    progress.stage = 'awaiting-approval';
  });
  handle(bareApprovePlanUpdate, 'awaiting-approval', InitiativeErrorCode.PLAN_NOT_AWAITING_APPROVAL, () => {
    progress.approvals += 1;
    if (progress.approvals === 2) progress.stage = 'implementing';
  });
  for (const update of [bareCompleteTaskUpdate, bareCompleteTrainingUpdate]) {
    handle(update, 'implementing', InitiativeErrorCode.NOT_IMPLEMENTING, () => {
      progress.completed += 1;
    });
  }

  if (!input.carried) {
    // First run: register and audit the creation, assess, plan, approve, implement, evaluate.
    const assessmentEndsAt = Date.now() + input.windowMs;
    await record('registered');
    await record('initiative-created');
    await waitUntil(assessmentEndsAt);
    await record('baseline-measured');
    progress.stage = 'planning';
    await record('baseline-recorded');
    await condition(() => progress.stage !== 'planning');
    // One reminder timer per wait for an approval, cancelled by the approval, as the real one's.
    await condition(() => progress.approvals >= 1, input.nudgeAfterMs);
    await condition(() => progress.approvals >= 2, input.nudgeAfterMs);
    await condition(() => progress.completed >= 1, input.nudgeAfterMs);
    await condition(() => progress.completed >= 2, input.nudgeAfterMs);
    const evaluationEndsAt = Date.now() + input.windowMs;
    progress.stage = 'evaluating';
    await record('evaluation-window-opened');
    await waitUntil(evaluationEndsAt);
    await record('evaluation-measured');
    await record('evaluation-ready');
    await record('target-met');
    progress.stage = 'sustaining';
    progress.followUpAt = Date.now() + input.windowMs;
    await record('evaluation-recorded');
    await condition(allHandlersFinished);
    return continueAsNew<typeof bareLifecycleWorkflow>({ ...input, carried: progress });
  }
  // Second run: one follow-up review that holds the target closes the initiative.
  await waitUntil(progress.followUpAt ?? Date.now());
  await record('follow-up-measured');
  progress.stage = 'closed';
  await record('follow-up-recorded');
  await condition(allHandlersFinished);
  return progress;
}
