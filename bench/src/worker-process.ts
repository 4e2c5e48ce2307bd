import { spawnEntryPoint, stopEntryPoint } from '@cio/testing';

/** The production initiative worker, or the lifecycle benchmark's bare one. */
export type WorkerKind = 'initiative' | 'bare';

/** What the worker holds and is doing, from `Worker.getStatus()` and its options. */
export interface WorkerLoad {
  numCachedWorkflows: number;
  maxCachedWorkflows: number;
  numInFlightWorkflowActivations: number;
  numInFlightActivities: number;
}

/** Bytes in use after a full garbage collection of every V8 isolate of the process. */
export interface WorkerMemory {
  rss: number;
  /** The main thread: activities, the worker's own bookkeeping. */
  mainHeapUsed: number;
  /** The workflow threads, where the sandboxed workflows and their cached state live. */
  workflowHeapUsed: number;
}

/** CPU time the whole process used since it started (every thread: workflows, activities, collector). */
export interface WorkerCpu {
  userMicros: number;
  systemMicros: number;
}

export interface WorkerRequest {
  id: number;
  ask: 'load' | 'memory' | 'cpu';
}

export type WorkerReply =
  | { ready: true }
  | { id: number; load: WorkerLoad }
  | { id: number; memory: WorkerMemory }
  | { id: number; cpu: WorkerCpu }
  | { id: number; error: string };

export interface WorkerProcess {
  /** The process id, for reading its RSS from /proc. */
  pid: number;
  load(): Promise<WorkerLoad>;
  memory(): Promise<WorkerMemory>;
  cpu(): Promise<WorkerCpu>;
  /** SIGTERM: the worker drains its running tasks, then exits. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a lost host ends it: nothing drains. Resolves once it has exited. */
  kill(): Promise<void>;
}

/**
 * Starts a worker in its own process (bench/src/worker-process-main.ts, compiled on the fly: it
 * wraps the production worker or the bare one), and talks to it over IPC: the benchmark asks for
 * its load and its memory, never shares its heap. Resolves once the worker runs.
 */
export async function startWorkerProcess(
  kind: WorkerKind,
  env: Record<string, string>,
): Promise<WorkerProcess> {
  const child = spawnEntryPoint('bench/src/worker-process-main.ts', {
    env,
    args: [kind],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: WorkerReply) => void>();
  let nextId = 0;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`${kind} worker process exited (${signal ?? code}) before it answered`)),
    ),
  );
  exited.catch(() => undefined); // only awaited while a request or the start is outstanding
  const ready = new Promise<void>((resolve) => {
    child.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) resolve();
      else pending.get(reply.id)?.(reply);
    });
  });
  const ask = async (what: WorkerRequest['ask']): Promise<WorkerReply> => {
    const id = ++nextId;
    const answered = new Promise<WorkerReply>((resolve) => pending.set(id, resolve));
    child.send({ id, ask: what } satisfies WorkerRequest);
    const reply = await Promise.race([answered, exited]);
    pending.delete(id);
    if ('error' in reply) throw new Error(`${kind} worker: ${reply.error}`);
    return reply;
  };
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    await stopEntryPoint(child);
    throw error;
  }
  return {
    pid: child.pid ?? 0,
    async load() {
      const reply = await ask('load');
      if (!('load' in reply)) throw new Error(`${kind} worker answered without its load`);
      return reply.load;
    },
    async memory() {
      const reply = await ask('memory');
      if (!('memory' in reply)) throw new Error(`${kind} worker answered without its memory`);
      return reply.memory;
    },
    async cpu() {
      const reply = await ask('cpu');
      if (!('cpu' in reply)) throw new Error(`${kind} worker answered without its CPU time`);
      return reply.cpu;
    },
    stop: () => stopEntryPoint(child),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
