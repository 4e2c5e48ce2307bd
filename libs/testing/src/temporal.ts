import { TestWorkflowEnvironment } from '@temporalio/testing';
import { allSearchAttributes } from '@cio/contracts';
import { loadConfig } from '@cio/config';

/**
 * A real Temporal dev server (the `temporal` CLI from PyPI) on a free port, with the project's
 * search attributes registered. `@temporalio/testing` cannot download binaries here, so it is
 * pointed at the ones the bootstrap installed.
 */
export async function startDevServer(options: { dbFilename?: string; uiPort?: number } = {}) {
  const { temporal } = loadConfig();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporal.cliPath },
      searchAttributes: allSearchAttributes,
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
      log: { format: 'json', level: 'error' },
    },
  });
}

/** The time-skipping test server: months of initiative time pass in seconds. */
export async function startTimeSkippingServer() {
  const { temporal } = loadConfig();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporal.testServerPath } },
  });
}

/** The dev server the suites share (started by Jest's global setup), with client and worker connections. */
export async function connectToTestServer() {
  const address = loadConfig().test.temporalAddress;
  if (!address)
    throw new Error(
      'TEST_TEMPORAL_ADDRESS is not set: run the suites through jest (its global setup sets it)',
    );
  return TestWorkflowEnvironment.createFromExistingServer({ address });
}
