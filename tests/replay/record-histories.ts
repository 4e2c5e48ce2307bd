import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { loadConfig } from '@cio/config';

export const historiesDir = join(__dirname, 'histories');

/**
 * With TEST_RECORD_HISTORIES=1 (`npm run record:histories`), writes the history of every run of
 * a workflow (following its continue-as-new chain) for the replay suite. Otherwise does nothing.
 */
export async function recordHistories(client: Client, workflowId: string, name: string): Promise<void> {
  if (!loadConfig().test.recordHistories) return;
  mkdirSync(historiesDir, { recursive: true });
  const latest = await client.workflow.getHandle(workflowId).describe();
  let runId: string | undefined = latest.raw.workflowExecutionInfo?.firstRunId || undefined;
  for (let run = 1; runId; run++) {
    // The last run is read through the workflow id alone: the test server does not finish a
    // run-addressed history read of the current run.
    const handle =
      runId === latest.runId
        ? client.workflow.getHandle(workflowId)
        : client.workflow.getHandle(workflowId, runId);
    const history = await handle.fetchHistory();
    writeFileSync(
      join(historiesDir, `${name}-run-${String(run).padStart(2, '0')}.json`),
      JSON.stringify(history),
    );
    const continued = history.events?.find((e) => e.workflowExecutionContinuedAsNewEventAttributes);
    runId = continued?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
}
