import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { cancelUpdate, INITIATIVE_WORKFLOW_TYPE } from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { eventually, manager, retailerInitiative, startDevServer } from '@cio/testing';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt } from './timing';
import { type WorkerMemory, type WorkerProcess, startWorkerProcess } from './worker-process';

/** Initiatives started at a time, as a busy gateway would. */
const START_BATCH = 50;
const SETTLE_TIMEOUT_MS = 10 * 60_000;
const MB = 1_000_000;

/** Starts retailer initiatives: each registers, audits its creation and waits out its 7-day assessment. */
async function startInitiatives(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  ids: string[],
): Promise<WorkflowHandle[]> {
  const handles: WorkflowHandle[] = [];
  for (let i = 0; i < ids.length; i += START_BATCH) {
    const batch = ids.slice(i, i + START_BATCH).map((id) => {
      const definition = retailerInitiative(id);
      return env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
        taskQueue,
        ...initiativeStartOptions(definition),
      });
    });
    handles.push(...(await Promise.all(batch)));
  }
  return handles;
}

/**
 * Waits until the worker holds exactly `cached` workflows and has nothing in flight, and every
 * handle's workflow sits in a durable wait: no activity and no workflow task pending.
 */
async function settled(worker: WorkerProcess, handles: WorkflowHandle[], cached: number) {
  const load = await eventually(async () => {
    const now = await worker.load();
    if (
      now.numCachedWorkflows !== cached ||
      now.numInFlightWorkflowActivations > 0 ||
      now.numInFlightActivities > 0
    ) {
      throw new Error(`worker: ${now.numCachedWorkflows} of ${cached} cached, still busy`);
    }
    return now;
  }, SETTLE_TIMEOUT_MS);
  for (let i = 0; i < handles.length; i += START_BATCH) {
    await Promise.all(
      handles.slice(i, i + START_BATCH).map((handle) =>
        eventually(async () => {
          const { raw, status } = await handle.describe();
          if (
            status.name !== 'RUNNING' ||
            raw.pendingWorkflowTask ||
            (raw.pendingActivities ?? []).length > 0
          ) {
            throw new Error(`${handle.workflowId} is not waiting yet`);
          }
        }, SETTLE_TIMEOUT_MS),
      ),
    );
  }
  return load;
}

const heap = (memory: WorkerMemory) => memory.mainHeapUsed + memory.workflowHeapUsed;

/**
 * Worker memory per open initiative: the production worker in its own process, 1,000 initiatives
 * waiting in their assessment period, all in its sticky cache. Memory is read by the worker
 * process itself after a full collection of every isolate, before and after the initiatives start.
 */
export async function memoryBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const n = smoke ? 20 : 1_000;
  const warmUp = smoke ? 2 : 10;
  const database = await services.database();
  const env = await startDevServer();
  const taskQueue = `bench-memory-${Date.now()}`;
  let worker: WorkerProcess | undefined;
  try {
    worker = await startWorkerProcess('initiative', {
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
    });
    // A few initiatives first, run and closed, so that neither the first workflow's setup (the
    // sandbox, the database pool, compiled code) nor a cache entry is counted.
    const warm = await startInitiatives(
      env,
      taskQueue,
      Array.from({ length: warmUp }, (_, i) => `bench-memory-warm-up-${i}`),
    );
    await settled(worker, warm, warmUp);
    for (const handle of warm) {
      await handle.executeUpdate(cancelUpdate, { args: [{ actor: manager, reason: 'warm-up' }] });
      await handle.result();
    }
    await settled(worker, [], 0);
    const before = await worker.memory();
    const handles = await startInitiatives(
      env,
      taskQueue,
      Array.from({ length: n }, (_, i) => `bench-memory-${i}`),
    );
    const load = await settled(worker, handles, n);
    if (load.maxCachedWorkflows < n) {
      throw new Error(`the worker caches at most ${load.maxCachedWorkflows} workflows, fewer than ${n}`);
    }
    const after = await worker.memory();
    const heapPer = (heap(after) - heap(before)) / n;
    const rssPer = (after.rss - before.rss) / n;
    const mb = (bytes: number, digits = 1) => fmt(bytes / MB, digits);
    return [
      {
        benchmark: 'worker memory per cached initiative, 1,000 open',
        figure: `heap ${mb(heapPer, 3)} MB, RSS ${mb(rssPer, 3)} MB per initiative; ${fmt(n, 0)} retailer initiatives waiting in their assessment period, ${fmt(load.numCachedWorkflows, 0)} in the worker's sticky cache (at most ${fmt(load.maxCachedWorkflows, 0)}); after a full GC of every isolate: workflow thread +${mb(after.workflowHeapUsed - before.workflowHeapUsed)} MB (${mb(after.workflowHeapUsed)} MB), main thread +${mb(after.mainHeapUsed - before.mainHeapUsed)} MB, RSS +${mb(after.rss - before.rss)} MB (${mb(after.rss)} MB)`,
        target: '≤ 1 MB heap and RSS per initiative',
        met: smoke ? null : heapPer <= MB && rssPer <= MB && load.numCachedWorkflows === n,
        command,
      },
    ];
  } finally {
    await worker?.stop();
    await env.teardown();
  }
}
