import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowStartUpdateInput,
  WorkflowStartUpdateOutput,
} from '@temporalio/client';

/**
 * Temporal admits a limited number of in-flight updates per workflow (10 by default,
 * `history.maxInFlightUpdates`) and refuses more with RESOURCE_EXHAUSTED. A burst of decisions on
 * one initiative (many approvers at once) would turn into 5xx; so this gateway process sends at
 * most `limit` updates per initiative at a time and queues the rest in arrival order.
 */
export class UpdatesPerInitiative implements WorkflowClientInterceptor {
  private readonly lanes = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  async startUpdate(
    input: WorkflowStartUpdateInput,
    next: Next<WorkflowClientInterceptor, 'startUpdate'>,
  ): Promise<WorkflowStartUpdateOutput> {
    const leave = await this.enter(input.workflowExecution.workflowId);
    try {
      return await next(input);
    } finally {
      leave();
    }
  }

  private async enter(workflowId: string): Promise<() => void> {
    let lane = this.lanes.get(workflowId);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(workflowId, lane);
    }
    const current = lane;
    if (current.running < this.limit) current.running += 1;
    else await new Promise<void>((resolve) => current.waiting.push(resolve));
    return () => {
      const nextInLine = current.waiting.shift();
      if (nextInLine) return nextInLine(); // the slot passes on
      current.running -= 1;
      if (current.running === 0) this.lanes.delete(workflowId);
    };
  }
}
