import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RegisterActivities } from '@cio/activities';
import { SCHEDULED_START_TIME } from '@cio/contracts';
import { DAILY_DIGEST } from './activity-profiles';

const { sendDailyDigests } = proxyActivities<RegisterActivities>(DAILY_DIGEST);

/**
 * The daily digest, started by its Temporal Schedule (`daily-digest`): everyone's digest of the
 * day it was scheduled for, however late it runs; a run started by hand digests its own day.
 */
export async function dailyDigestWorkflow(input: { timeZone: string }) {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME) ?? new Date();
  return sendDailyDigests({ at: at.toISOString(), timeZone: input.timeZone });
}
