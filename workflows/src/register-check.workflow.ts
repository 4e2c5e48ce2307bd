import { proxyActivities } from '@temporalio/workflow';
import type { RegisterActivities } from '@cio/activities';

const { describeRegister } = proxyActivities<RegisterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

/**
 * Proves the chain worker -> activities -> PostgreSQL end to end: ops (and the smoke tests) run it
 * to see that a worker is polling and its register is migrated.
 */
export async function registerCheckWorkflow(): Promise<{ migrations: string[] }> {
  return describeRegister({});
}
