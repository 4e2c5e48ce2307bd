// A worker for the lifecycle and memory benchmarks, in its own process (see worker-process.ts):
// `initiative` is the production worker (createInitiativeWorker, the real activities), `bare` the
// lifecycle benchmark's baseline with the same worker options.
import 'reflect-metadata';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '@cio/activities';
import { loadConfigOrExit, workspaceRoot } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import { DataSources } from '@cio/data-sources';
import { createInitiativeWorker, WindowCollector, workflowBundleOptions } from '@cio/worker';
import { createBareActivities } from './bare/bare-lifecycle.activities';
import type { WorkerKind, WorkerMemory, WorkerReply, WorkerRequest } from './worker-process';

/**
 * Heap in use per V8 isolate after a full collection. `--expose-gc` reaches only the main thread;
 * the workflows live in the SDK's workflow thread, so every isolate is collected and read through
 * the inspector protocol (NodeWorker attaches to the worker threads).
 */
class IsolateHeaps {
  private readonly session = new Session();
  private readonly threads: string[] = [];
  private attached: Promise<void> | undefined;
  private readonly replies = new Map<number, (result: unknown) => void>();
  private nextId = 0;

  /** Attaches to every worker thread; the running ones are announced before `enable` answers. */
  private async attach(): Promise<void> {
    this.session.connect();
    this.session.on('NodeWorker.attachedToWorker', ({ params }) => this.threads.push(params.sessionId));
    this.session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
      const message = JSON.parse(params.message) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.replies.get(message.id)?.(message.result);
    });
    await this.session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    if (this.threads.length === 0) throw new Error('no workflow thread to measure');
  }

  private inThread(sessionId: string, method: string): Promise<unknown> {
    const id = ++this.nextId;
    const answered = new Promise<unknown>((resolve) => this.replies.set(id, resolve));
    void this.session.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
    return answered.finally(() => this.replies.delete(id));
  }

  close(): void {
    this.session.disconnect();
  }

  async measure(): Promise<WorkerMemory> {
    await (this.attached ??= this.attach());
    let workflowHeapUsed = 0;
    for (const thread of this.threads) {
      // Twice: the first pass may only queue finalizers that free more.
      await this.inThread(thread, 'HeapProfiler.collectGarbage');
      await this.inThread(thread, 'HeapProfiler.collectGarbage');
      workflowHeapUsed += ((await this.inThread(thread, 'Runtime.getHeapUsage')) as { usedSize: number })
        .usedSize;
    }
    await this.session.post('HeapProfiler.collectGarbage');
    await this.session.post('HeapProfiler.collectGarbage');
    const main = process.memoryUsage();
    return {
      rss: main.rss,
      mainHeapUsed: main.heapUsed,
      workflowHeapUsed,
    };
  }
}

async function main(kind: WorkerKind): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.temporal.address || !config.database.url) {
    throw new Error('TEMPORAL_ADDRESS and DATABASE_URL must be set for the benchmark worker');
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataSource = createDataSource({
    ...config.database,
    url: config.database.url,
    applicationName: `cio-bench-${kind}-worker`,
  });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const logger = pino({ level: 'silent' });
  // As the production worker runs it: pulled KPIs collected beside it when data sources are set.
  const dataSources = new DataSources(config.dataCollection);
  const collector = new WindowCollector({
    dataSource,
    dataSources,
    logger,
    collection: config.dataCollection,
  });
  if (kind === 'initiative' && config.dataCollection.sources.length > 0) collector.start();
  const worker =
    kind === 'initiative'
      ? await createInitiativeWorker({
          connection,
          config,
          activities: createActivities({ dataSource, logger, dataSources }),
        })
      : // As createInitiativeWorker builds it (SDK defaults otherwise), with the bare workflow and activity.
        await Worker.create({
          connection,
          namespace: config.temporal.namespace,
          taskQueue: config.temporal.taskQueue,
          activities: createBareActivities({ dataSource }),
          workflowsPath: join(workspaceRoot, 'bench/src/bare/bare-lifecycle.workflow.ts'),
          bundlerOptions: { webpackConfigHook: workflowBundleOptions.webpackConfigHook },
          shutdownGraceTime: config.worker.shutdownGraceMs,
        });
  const heaps = new IsolateHeaps();
  const answer = async ({ id, ask }: WorkerRequest): Promise<WorkerReply> => {
    if (ask === 'memory') return { id, memory: await heaps.measure() };
    if (ask === 'cpu') {
      const { user, system } = process.cpuUsage();
      return { id, cpu: { userMicros: user, systemMicros: system } };
    }
    const status = worker.getStatus();
    return {
      id,
      load: {
        numCachedWorkflows: status.numCachedWorkflows,
        maxCachedWorkflows: worker.options.maxCachedWorkflows,
        numInFlightWorkflowActivations: status.numInFlightWorkflowActivations,
        numInFlightActivities: status.numInFlightActivities,
      },
    };
  };
  process.on('message', (request: WorkerRequest) => {
    answer(request)
      .catch((error: unknown): WorkerReply => ({ id: request.id, error: String(error) }))
      .then((reply) => process.send?.(reply));
  });
  // Worker.run() stops on SIGTERM (the benchmark's stop) after draining running tasks.
  const running = worker.run();
  process.send?.({ ready: true } satisfies WorkerReply);
  await running;
  await collector.stop();
  heaps.close();
  await connection.close();
  await dataSource.destroy();
  process.disconnect?.();
}

main(process.argv[2] === 'bare' ? 'bare' : 'initiative').catch((error: unknown) => {
  process.stderr.write(
    `bench worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
