import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RegisterActivities } from '@cio/activities';
import { SCHEDULED_START_TIME } from '@cio/contracts';
import { WATCH_CHECK } from './activity-profiles';

const { checkWatch } = proxyActivities<RegisterActivities>(WATCH_CHECK);

/**
 * One check of a service watch, started by its Temporal Schedule (`watch-<id>`). The check's
 * instant is the one it was scheduled for, so a check is known by it however late it runs; a run
 * started by hand checks at its own start.
 */
export async function serviceWatchCheckWorkflow(input: { watchId: string }) {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME) ?? new Date();
  return checkWatch({ watchId: input.watchId, at: at.toISOString() });
}
