import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createActivities } from '@cio/activities';
import { loadConfig } from '@cio/config';
import { createDataSource, migrations } from '@cio/persistence';
import {
  connectToTestServer,
  createTestDatabase,
  startTimeSkippingServer,
  type TestDatabase,
} from '@cio/testing';
import { createInitiativeWorker } from '@cio/worker';
import type { DataSource } from 'typeorm';

const config = loadConfig({ TEMPORAL_TASK_QUEUE: `smoke-${randomUUID()}` });
const logger = pino({ level: 'silent' });

async function runRegisterCheck(env: TestWorkflowEnvironment, dataSource: DataSource) {
  const worker = await createInitiativeWorker({
    connection: env.nativeConnection,
    config,
    activities: createActivities({ dataSource, logger }),
  });
  return worker.runUntil(
    env.client.workflow.execute('registerCheckWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId: `register-check-${randomUUID()}`,
      args: [],
    }),
  );
}

describe('the worker runs workflows against real servers', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    dataSource = createDataSource(db.options);
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('on the Temporal dev server: workflow -> activity -> PostgreSQL', async () => {
    const env = await connectToTestServer();
    try {
      const result = await runRegisterCheck(env, dataSource);
      expect(result.migrations).toEqual(migrations.map((m) => m.name));
    } finally {
      await env.teardown();
    }
  });

  it('keeps at most WORKER_MAX_CACHED_WORKFLOWS workflows in memory, and the evicted ones still finish', async () => {
    const env = await connectToTestServer();
    const small = loadConfig({
      TEMPORAL_TASK_QUEUE: `cache-${randomUUID()}`,
      WORKER_MAX_CACHED_WORKFLOWS: '2',
    });
    try {
      const worker = await createInitiativeWorker({
        connection: env.nativeConnection,
        config: small,
        activities: createActivities({ dataSource, logger }),
      });
      expect(worker.options.maxCachedWorkflows).toBe(2);
      const results = await worker.runUntil(
        Promise.all(
          Array.from({ length: 6 }, () =>
            env.client.workflow.execute('registerCheckWorkflow', {
              taskQueue: small.temporal.taskQueue,
              workflowId: `register-check-${randomUUID()}`,
              args: [],
            }),
          ),
        ),
      );
      expect(results.map((result) => result.migrations)).toEqual(
        results.map(() => migrations.map((m) => m.name)),
      );
    } finally {
      await env.teardown();
    }
  });

  it('on the time-skipping test server', async () => {
    const env = await startTimeSkippingServer();
    try {
      expect(env.supportsTimeSkipping).toBe(true);
      const result = await runRegisterCheck(env, dataSource);
      expect(result.migrations).toEqual(migrations.map((m) => m.name));
    } finally {
      await env.teardown();
    }
  });
});
