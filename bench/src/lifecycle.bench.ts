import { setTimeout } from 'node:timers/promises';
import { type WorkflowHandleWithFirstExecutionRunId, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import {
  type ApprovePlanInput,
  approvePlanUpdate,
  type CompleteTaskInput,
  completeTaskUpdate,
  type CompleteTrainingInput,
  completeTrainingUpdate,
  INITIATIVE_WORKFLOW_TYPE,
  type InitiativeDefinition,
  type InitiativeState,
  type SubmitPlanInput,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { createDataSource } from '@cio/persistence';
import {
  changeBoard,
  csLead,
  itEngineer,
  manager,
  retailerInitiative,
  startDevServer,
  trainee,
} from '@cio/testing';
import { BARE_STEPS_TABLE } from './bare/bare-lifecycle.activities';
import {
  BARE_LIFECYCLE_WORKFLOW_TYPE,
  type BareLifecycleInput,
  type BareProgress,
} from './bare/bare-lifecycle.messages';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt, timed } from './timing';
import { startWorkerProcess, type WorkerKind, type WorkerProcess } from './worker-process';

/** The assessment period, the evaluation window and the follow-up interval, shortened alike. */
const WINDOW_MS = 1_000;
/** Reminders and escalations are a day or more away: the cycle never meets them. */
const NUDGE_AFTER_MS = 86_400_000;
/** The monitoring feed laid down for the real initiatives: one sample every 200 ms, for 15 minutes. */
const SAMPLE_EVERY_MS = 200;
const FEED_MS = 15 * 60_000;
/** How often the manager tries to submit the plan until the baseline is recorded. */
const RETRY_MS = 50;
const CYCLE_TIMEOUT_MS = 10 * 60_000;

/** One update of the people's half of the cycle, by its name, which the bare workflow shares. */
interface CycleMessage {
  update: string;
  input: Record<string, unknown>;
}

/** What the driver needs of a workflow: how to start one, what it needs beforehand, how it ends. */
interface Flavour {
  kind: WorkerKind;
  start(id: string): Promise<WorkflowHandleWithFirstExecutionRunId>;
  /** Done before the clock starts. */
  prepare(ids: string[]): Promise<void>;
  closed(result: unknown): boolean;
}

/** The retailer initiative with its windows shortened and one follow-up review to close. */
function definition(id: string): InitiativeDefinition {
  const base = retailerInitiative(id);
  return {
    ...base,
    policy: {
      ...base.policy,
      assessmentPeriodMs: WINDOW_MS,
      evaluationWindowMs: WINDOW_MS,
      followUpIntervalMs: WINDOW_MS,
      followUpsToComplete: 1,
      minSamples: 1,
    },
  };
}

/** A plan, both approvals of the retailer's policy, its one task and its one trainee, in order. */
function cycleMessages(dueAt: string): CycleMessage[] {
  const plan = {
    measures: [
      { title: 'automated customer service system', kind: 'tool' as const, department: 'it' },
      { title: 'agent training', kind: 'training' as const, department: 'customer-service' },
    ],
    tasks: [{ id: 'automation-live', title: 'the system is live', department: 'it', dueAt }],
    trainees: [{ person: 'alice', department: 'customer-service', dueAt }],
  };
  return [
    { update: submitPlanUpdate.name, input: { actor: manager, plan } satisfies SubmitPlanInput },
    { update: approvePlanUpdate.name, input: { actor: csLead, planVersion: 1 } satisfies ApprovePlanInput },
    {
      update: approvePlanUpdate.name,
      input: { actor: changeBoard, planVersion: 1 } satisfies ApprovePlanInput,
    },
    {
      update: completeTaskUpdate.name,
      input: { actor: itEngineer, taskId: 'automation-live' } satisfies CompleteTaskInput,
    },
    {
      update: completeTrainingUpdate.name,
      input: { actor: trainee('alice'), person: 'alice' } satisfies CompleteTrainingInput,
    },
  ];
}

/**
 * The monitoring feed, laid down before the clock starts: a sample every 200 ms from now on, all
 * under the target, so that the baseline, the evaluation and the review each find samples and the
 * evaluation meets the target.
 */
async function seedMonitoringFeed(db: DataSource, ids: string[]): Promise<void> {
  await db.query(
    `INSERT INTO measurements (initiative_id, kpi, value, observed_at, source)
     SELECT id, 'response_minutes', 3.5 + g % 2, now() + g * $2 * interval '1 millisecond', 'bench'
       FROM unnest($1::text[]) AS id, generate_series(0, $3) AS g`,
    [ids, SAMPLE_EVERY_MS, FEED_MS / SAMPLE_EVERY_MS],
  );
  await db.query('ANALYZE measurements');
}

/** Retries an update its validator refuses (the phase has not come yet), as a person would. */
async function untilAccepted(send: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + CYCLE_TIMEOUT_MS;
  for (;;) {
    try {
      await send();
      return;
    } catch (error) {
      if (!(error instanceof WorkflowUpdateFailedError) || Date.now() > deadline) throw error;
      await setTimeout(RETRY_MS);
    }
  }
}

/** Fails when `work` outlasts CYCLE_TIMEOUT_MS, and leaves no timer behind when it does not. */
async function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  const timer = new AbortController();
  const expired = setTimeout(CYCLE_TIMEOUT_MS, undefined, { signal: timer.signal }).then(() => {
    throw new Error(`${what} took longer than ${CYCLE_TIMEOUT_MS} ms`);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    timer.abort();
  }
}

/** One initiative through the whole cycle; the same code drives both workflows. */
async function runCycle(
  flavour: Flavour,
  id: string,
  messages: CycleMessage[],
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const handle = await flavour.start(id);
  // Nobody can plan before the assessment period is over.
  await setTimeout(WINDOW_MS);
  const [plan, ...decisions] = messages;
  if (plan) await untilAccepted(() => handle.executeUpdate(plan.update, { args: [plan.input] }));
  for (const message of decisions) await handle.executeUpdate(message.update, { args: [message.input] });
  const result = await withDeadline(handle.result(), `${flavour.kind} ${id} finishing its cycle`);
  if (!flavour.closed(result)) throw new Error(`${flavour.kind} ${id} finished without closing`);
  return handle;
}

/** Every initiative at once: from the first start to the last completion. */
async function pass(flavour: Flavour, ids: string[], messages: CycleMessage[]) {
  await flavour.prepare(ids);
  const { ms, value: handles } = await timed(() =>
    Promise.all(ids.map((id) => runCycle(flavour, id, messages))),
  );
  return { ms, handles };
}

const { EventType } = temporal.api.enums.v1;

/**
 * What a workflow's histories (both runs) hold: the activities, updates and runs the ratio
 * compares. Timers are counted apart: a window that has passed before its wait begins needs none.
 */
async function shapeOf(env: TestWorkflowEnvironment, handle: WorkflowHandleWithFirstExecutionRunId) {
  const runs = [
    env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId),
    env.client.workflow.getHandle(handle.workflowId),
  ];
  const events = (await Promise.all(runs.map((run) => run.fetchHistory()))).flatMap((h) => h.events ?? []);
  const count = (type: number) => events.filter((event) => event.eventType === type).length;
  return {
    steps: [
      `${count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)} activities`,
      `${count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)} updates`,
      `${count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)} continue-as-new`,
    ].join(', '),
    timers: count(EventType.EVENT_TYPE_TIMER_STARTED),
  };
}

/** Both workers, or neither: one that started is stopped when the other fails. */
async function startWorkers(envFor: (kind: WorkerKind) => Record<string, string>): Promise<WorkerProcess[]> {
  const started = await Promise.allSettled([
    startWorkerProcess('initiative', envFor('initiative')),
    startWorkerProcess('bare', envFor('bare')),
  ]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (!failed) return running;
  await Promise.all(running.map((worker) => worker.stop()));
  throw failed.reason;
}

/** The production initiative workflow and the bare one, each on its own worker's task queue. */
function flavours(env: TestWorkflowEnvironment, db: DataSource, queue: (kind: WorkerKind) => string) {
  const initiative: Flavour = {
    kind: 'initiative',
    start: (id) => {
      const def = definition(id);
      return env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
        taskQueue: queue('initiative'),
        ...initiativeStartOptions(def),
      });
    },
    prepare: (ids) => seedMonitoringFeed(db, ids),
    closed: (result) => (result as InitiativeState).closed?.outcome === 'completed',
  };
  const bare: Flavour = {
    kind: 'bare',
    start: (id) =>
      env.client.workflow.start(BARE_LIFECYCLE_WORKFLOW_TYPE, {
        taskQueue: queue('bare'),
        workflowId: `bare-${id}`,
        args: [{ id, windowMs: WINDOW_MS, nudgeAfterMs: NUDGE_AFTER_MS } satisfies BareLifecycleInput],
      }),
    prepare: async () => undefined,
    closed: (result) => (result as BareProgress).stage === 'closed',
  };
  return { initiative, bare };
}

/** The uncounted warm-up of each, then the passes in `order`, timed, with one handle of each kind. */
async function runPasses(
  drivers: Record<WorkerKind, Flavour>,
  order: WorkerKind[],
  n: number,
  warmUp: number,
) {
  const messages = cycleMessages(new Date(Date.now() + NUDGE_AFTER_MS).toISOString());
  const ids = (label: string, count: number) =>
    Array.from({ length: count }, (_, i) => `bench-lifecycle-${label}-${i}`);
  for (const kind of warmUp > 0 ? (['initiative', 'bare'] as const) : []) {
    await pass(drivers[kind], ids(`warm-up-${kind}`, warmUp), messages);
  }
  const times: Record<WorkerKind, number[]> = { initiative: [], bare: [] };
  const sample: Partial<Record<WorkerKind, WorkflowHandleWithFirstExecutionRunId>> = {};
  for (const [index, kind] of order.entries()) {
    const { ms, handles } = await pass(drivers[kind], ids(`${kind}-${index}`, n), messages);
    times[kind].push(ms);
    sample[kind] ??= handles[0];
  }
  return { times, sample };
}

/**
 * Lifecycle throughput: initiatives through their shortest complete cycle (assessment, plan, two
 * approvals, a task and a training, evaluation, one follow-up review, closed) on the production
 * worker, against the bare workflow with the same waits and activities on a worker of its own,
 * driven by the same code, at the same concurrency, on the same dev server and database.
 */
export async function lifecycleBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const n = smoke ? 3 : 50;
  const warmUp = smoke ? 0 : 5;
  // A the initiative workflow, B the bare one, in ABBA BAAB order so that neither profits from
  // going second on a warmer (or fuller) server.
  const [a, b] = ['initiative', 'bare'] as const;
  const order: WorkerKind[] = smoke ? [a, b] : [a, b, b, a, b, a, a, b];
  const database = await services.database();
  const env = await startDevServer();
  const dataSource = createDataSource({ ...database.options, poolSize: 2 });
  await dataSource.initialize();
  const stamp = Date.now();
  const queue = (kind: WorkerKind) => `bench-lifecycle-${kind}-${stamp}`;
  let workers: WorkerProcess[] = [];
  try {
    await dataSource.query(BARE_STEPS_TABLE);
    workers = await startWorkers((kind) => ({
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: queue(kind),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
    }));
    const { times, sample } = await runPasses(flavours(env, dataSource, queue), order, n, warmUp);
    const [realShape, bareShape] = await Promise.all(
      [sample.initiative, sample.bare].map((handle) => (handle ? shapeOf(env, handle) : undefined)),
    );
    if (!realShape || !bareShape || realShape.steps !== bareShape.steps) {
      throw new Error(
        `the bare workflow no longer mirrors the real one: ${realShape?.steps} vs ${bareShape?.steps}`,
      );
    }
    const rate = (kind: WorkerKind) =>
      (n * times[kind].length) / (times[kind].reduce((sum, ms) => sum + ms, 0) / 1000);
    const real = rate('initiative');
    const bare = rate('bare');
    const seconds = (kind: WorkerKind) =>
      `${fmt(Math.min(...times[kind]) / 1000, 1)}–${fmt(Math.max(...times[kind]) / 1000, 1)}`;
    return [
      {
        benchmark: 'lifecycle throughput, initiative vs bare workflow',
        figure: `${fmt(real, 2)} vs ${fmt(bare, 2)} initiatives/s (ratio ${fmt(real / bare, 2)}); ${n} at once per pass, ${times.initiative.length} passes of each in the order ${order.map((kind) => (kind === a ? 'A' : 'B')).join('')} (${seconds('initiative')} s vs ${seconds('bare')} s per pass from first start to last completion, after ${warmUp} uncounted); the shortest complete cycle with ${fmt(WINDOW_MS / 1000, 0)} s windows: assessment, plan, 2 approvals, 1 task, 1 training, evaluation met, 1 follow-up review, closed; both ${realShape.steps}, 3 windows and 4 reminder timers (timers started: ${realShape.timers} vs ${bareShape.timers})`,
        target: 'ratio ≥ 0.8',
        met: smoke ? null : real / bare >= 0.8,
        command,
      },
    ];
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await dataSource.destroy();
    await env.teardown();
  }
}
