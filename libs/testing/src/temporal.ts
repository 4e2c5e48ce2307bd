import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { ConnectionPlugin } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { allSearchAttributes } from '@cio/contracts';
import { loadConfig } from '@cio/config';
import { required } from '@cio/domain';

/**
 * A real Temporal dev server (the `temporal` CLI from PyPI) on a free port (or `port`), with the
 * project's search attributes registered. With `dbFilename` its state lives in that SQLite file, so
 * a server started again on the same file and port carries on where the stopped one left off.
 * `@temporalio/testing` cannot download binaries here, so it is pointed at the ones the bootstrap
 * installed.
 */
export async function startDevServer(options: { dbFilename?: string; port?: number; uiPort?: number } = {}) {
  const { temporal } = loadConfig();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporal.cliPath },
      searchAttributes: allSearchAttributes,
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
      log: { format: 'json', level: 'error' },
    },
  });
}

/**
 * The Java test server answers the client's 30-second keepalive pings with "too many pings"
 * (GOAWAY) and grpc-js then backs off for a minute, stalling the suite. Idle pings are not needed
 * on loopback, so the client connection sends none.
 */
const relaxedKeepalive: ConnectionPlugin = {
  name: 'relaxed-keepalive',
  configureConnection: (options) => ({
    ...options,
    channelArgs: {
      ...options.channelArgs,
      'grpc.keepalive_permit_without_calls': 0,
      'grpc.keepalive_time_ms': 10 * 60_000,
    },
  }),
};

/** The time-skipping test server: months of initiative time pass in seconds. */
export async function startTimeSkippingServer() {
  const { temporal } = loadConfig();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporal.testServerPath } },
    plugins: [relaxedKeepalive],
  });
  // The test server refuses upserts of unknown search attributes, like a real cluster.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      allSearchAttributes.map((key) => [
        key.name,
        required(encodeSearchAttributeIndexedValueType(key.type), key.name),
      ]),
    ),
  });
  return env;
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
