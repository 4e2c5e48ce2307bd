import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import { createTestDatabase } from '@cio/testing';
import type { EntryPointProcess } from './entry-point';
import { type GatewayProcess, startGatewayProcess } from './gateway-process';
import { buildWorkflowBundle, workerProcess } from './worker-process';

export interface FaultSystem {
  /** A Temporal client of the test's own; it reconnects after the server comes back. */
  client: Client;
  taskQueue: string;
  /** The register, reached directly (never through a fault), for the test's assertions. */
  dataSource: DataSource;
  /** The production worker as its own OS process, already polling. */
  worker: EntryPointProcess;
  /** The gateway as its own process, when asked for. */
  gateway: GatewayProcess | undefined;
  stop(): Promise<void>;
}

/**
 * The system as it runs in production, one process each, for fault tests: the worker (and the
 * gateway) as OS processes a test can kill, on a fresh register and a task queue of their own.
 */
export async function startFaultSystem(options: {
  name: string;
  /** The Temporal server; the suites' shared dev server unless given. */
  temporalAddress?: string;
  /** How the worker and gateway reach PostgreSQL (e.g. through a proxy); directly unless given. */
  routeDatabase?: (url: string) => string;
  gateway?: boolean;
  /** More environment for the worker and the gateway. */
  env?: Record<string, string>;
}): Promise<FaultSystem> {
  const temporalAddress = options.temporalAddress ?? loadConfig().test.temporalAddress;
  if (!temporalAddress) throw new Error('TEST_TEMPORAL_ADDRESS is not set: run the suites through jest');
  const taskQueue = `${options.name}-${randomUUID()}`;
  const [database, bundle] = await Promise.all([
    createTestDatabase({ migrated: true }),
    buildWorkflowBundle(),
  ]);
  const databaseUrl = options.routeDatabase?.(database.url) ?? database.url;
  const dataSource = createDataSource(database.options);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const env = {
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: databaseUrl,
    ...options.env,
  };
  const worker = await workerProcess({
    name: options.name,
    temporalAddress,
    databaseUrl,
    taskQueue,
    bundlePath: bundle.path,
    ...(options.env ? { env: options.env } : {}),
  });
  let gateway: GatewayProcess | undefined;

  async function stop() {
    await gateway?.process.stop();
    gateway?.process.saveLog();
    await worker.stop();
    worker.saveLog();
    bundle.remove();
    await connection.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }

  try {
    await dataSource.initialize();
    await worker.start();
    if (options.gateway) gateway = await startGatewayProcess(options.name, env);
  } catch (error) {
    await stop();
    throw error;
  }
  return { client, taskQueue, dataSource, worker, gateway, stop };
}
