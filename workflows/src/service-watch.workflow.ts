import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RegisterActivities } from '@cio/activities';
import { WATCH_CHECK } from './activity-profiles';

const { checkWatch } = proxyActivities<RegisterActivities>(WATCH_CHECK);

/** Set by Temporal on every run a schedule starts: the instant it was scheduled for. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * One check of a service watch, started by its Temporal Schedule (`watch-<id>`). The check's
 * instant is the one it was scheduled for, so a check is known by it however late it runs; a run
 * started by hand checks at its own start.
 */
export async function serviceWatchCheckWorkflow(input: { watchId: string }) {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START) ?? new Date();
  return checkWatch({ watchId: input.watchId, at: at.toISOString() });
}
