import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createActivities } from '@cio/activities';
import { type AppConfig, loadConfig } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import { createTestDatabase } from '@cio/testing';
import { DataSources } from '@cio/data-sources';
import { createInitiativeWorker, WindowCollector } from '@cio/worker';

export interface InitiativeHarness {
  env: TestWorkflowEnvironment;
  config: AppConfig;
  dataSource: DataSource;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * A Temporal environment, a fresh migrated register and the production worker with the real
 * activities on its own task queue: what every initiative suite runs against.
 */
export async function startInitiativeHarness(
  startEnvironment: () => Promise<TestWorkflowEnvironment>,
  name: string,
  /** The worker's own settings (e.g. DATA_SOURCES): with data sources, their collector runs too. */
  workerEnv: Record<string, string> = {},
): Promise<InitiativeHarness> {
  const config = loadConfig({ ...workerEnv, TEMPORAL_TASK_QUEUE: `${name}-${randomUUID()}` });
  const [env, db] = await Promise.all([startEnvironment(), createTestDatabase({ migrated: true })]);
  const dataSource = createDataSource(db.options);
  await dataSource.initialize();
  const logger = pino({ level: 'silent' });
  const dataSources = new DataSources(config.dataCollection);
  const worker = await createInitiativeWorker({
    connection: env.nativeConnection,
    config,
    activities: createActivities({ dataSource, logger, dataSources }),
  });
  const running = worker.run();
  const collector = new WindowCollector({
    dataSource,
    dataSources,
    logger,
    collection: config.dataCollection,
  });
  if (config.dataCollection.sources.length > 0) collector.start();
  return {
    env,
    config,
    dataSource,
    databaseUrl: db.url,
    async stop() {
      await collector.stop();
      worker.shutdown();
      await running;
      await dataSource.destroy();
      await db.drop();
      await env.teardown();
    },
  };
}

/** The error code an update was refused with (the validator's ApplicationFailure type). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      return (error.cause as { type?: string }).type ?? 'UNTYPED';
    throw error;
  }
  throw new Error('expected the update to be refused');
}
