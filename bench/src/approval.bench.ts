import { Agent, request as httpRequest } from 'node:http';
import { setTimeout } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { loadConfig } from '@cio/config';
import {
  approvePlanUpdate,
  INITIATIVE_WORKFLOW_TYPE,
  type InitiativeDefinition,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { createDataSource, ingestMeasurements } from '@cio/persistence';
import {
  csLead,
  eventually,
  freePort,
  issueToken,
  manager,
  retailerInitiative,
  spawnEntryPoint,
  startDevServer,
  stopEntryPoint,
} from '@cio/testing';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt, percentiles, quantileRatioCi, timed } from './timing';

/**
 * Two paces: approvals one right after another (each meets the follow-up work of the one before:
 * audit, register, the next phase), and approvals that each meet a quiet system, as a person's
 * usually does.
 */
const PACES = [
  { name: 'back to back', quietMs: 0, describe: 'one right after another' },
  { name: 'on a quiet system', quietMs: 100, describe: 'each after 100 ms of quiet' },
] as const;

/** Initiatives per path open at a time: the rest of a pace runs in further rounds. */
const CHUNK_PAIRS = 200;

/** One measured approval: its initiative and how long its round trip took. */
interface Sample {
  handle: WorkflowHandle;
  ms: number;
}

function eventMs(event: temporal.api.history.v1.IHistoryEvent): number {
  const time = event.eventTime;
  return Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;
}

/**
 * How long the server and the worker held one approval, by the server's own event times: from
 * the workflow task that took the update to the update's completion (its audit activity and the
 * task after it included). The rest of the round trip happened outside Temporal: the caller, the
 * gateway, the network.
 */
async function serverSpanMs(handle: WorkflowHandle): Promise<number> {
  const events = (await handle.fetchHistory()).events ?? [];
  const accepted = events.findIndex(
    (e) =>
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ===
      approvePlanUpdate.name,
  );
  let scheduled = accepted;
  while (scheduled > 0 && !events[scheduled]?.workflowTaskScheduledEventAttributes) scheduled--;
  const completed = events.find((e, i) => i > accepted && e.workflowExecutionUpdateCompletedEventAttributes);
  const from = events[scheduled];
  if (accepted < 0 || !from || !completed)
    throw new Error(`${handle.workflowId}: no approval in its history`);
  return eventMs(completed) - eventMs(from);
}

/** Each sample's time outside Temporal: its round trip less the server's span. */
async function outsideTemporal(samples: Sample[]): Promise<number[]> {
  const outside: number[] = [];
  for (let i = 0; i < samples.length; i += 20) {
    const batch = samples.slice(i, i + 20);
    const spans = await Promise.all(batch.map((sample) => serverSpanMs(sample.handle)));
    batch.forEach((sample, j) => outside.push(sample.ms - (spans[j] ?? 0)));
  }
  return outside;
}

/** Initiatives whose plan awaits approval: a baseline from one sample, then a submitted plan. */
function definition(id: string): InitiativeDefinition {
  const base = retailerInitiative(id);
  return {
    ...base,
    policy: { ...base.policy, assessmentPeriodMs: 20_000, minSamples: 1 },
  };
}

/**
 * The approval round trip as a person sees it (HTTP, token check, scope and role from the
 * register, the workflow update, the answer) against a bare `executeUpdate` of the same update on
 * the same kind of workflow, interleaved in one run so that both see the same machine.
 */
export async function approvalBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const n = smoke ? 3 : 800;
  // Both paths first serve a few approvals that are not counted, so that neither the gateway
  // process nor the bare client is measured while its code is still being compiled.
  const warmUp = smoke ? 1 : 20;
  const database = await services.database();
  const env = await startDevServer();
  const taskQueue = `bench-approval-${Date.now()}`;
  const dataSource = createDataSource({ ...database.options, poolSize: 10 });
  await dataSource.initialize();
  const port = await freePort();
  const gatewayEnv = {
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_ADDRESS: env.address,
    DATABASE_URL: database.url,
    GATEWAY_PORT: String(port),
    GATEWAY_WRITE_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
  };
  // The worker and the gateway run as their own processes from `npm run build`'s output, as in
  // production: the benchmark's process holds only the two clients being compared.
  const worker = spawnEntryPoint('apps/worker/src/main.ts', {
    compiled: true,
    env: { ...gatewayEnv, WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}` },
  });
  const gateway = spawnEntryPoint('apps/gateway/src/main.ts', { compiled: true, env: gatewayEnv });
  // A plain keep-alive HTTP/1.1 client, as lean on its side as the gRPC client is on the other.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => {
      if ((await fetch(`${base}/health/ready`)).status !== 200) throw new Error('gateway not ready');
    }, 60_000);
    const token = await issueToken(loadConfig(gatewayEnv), {
      sub: csLead.user,
      roles: csLead.roles,
      departments: csLead.departments,
    });
    const plan = {
      measures: [{ title: 'a tool', kind: 'tool' as const, department: 'it' }],
      tasks: [],
      trainees: [],
    };
    /**
     * `pairs` pairs of initiatives awaiting approval: started, registered, baselined, planned.
     */
    const prepare = async (label: string, pairs: number) => {
      const ids = Array.from({ length: 2 * pairs }, (_, i) => `bench-approve-${label}-${i}`);
      const prefix = `bench-approve-${label}-%`;
      // The dev server registers about 20 new initiatives a second here.
      const setUpMs = Math.max(180_000, ids.length * 100);
      const handles = await Promise.all(
        ids.map((id) => {
          const def = definition(id);
          return env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
            taskQueue,
            ...initiativeStartOptions(def),
          });
        }),
      );
      await eventually(async () => {
        const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM initiatives WHERE id LIKE $1`, [
          prefix,
        ]);
        if (row.n < ids.length) throw new Error(`${row.n} of ${ids.length} registered`);
      }, setUpMs);
      // One sample inside each assessment period (it began when the workflow registered the initiative).
      const created: { id: string; at: Date }[] = await dataSource.query(
        `SELECT id, created_at AS at FROM initiatives WHERE id LIKE $1`,
        [prefix],
      );
      for (const { id, at } of created) {
        await ingestMeasurements(
          dataSource,
          id,
          [{ kpi: 'response_minutes', value: 12, observedAt: new Date(at.getTime() + 1).toISOString() }],
          { maxAgeMs: 86_400_000, maxFutureMs: 60_000 },
        );
      }
      await eventually(async () => {
        const [row] = await dataSource.query(
          `SELECT count(*)::int AS n FROM initiatives WHERE id LIKE $1 AND phase = 'Planning'`,
          [prefix],
        );
        if (row.n < ids.length) throw new Error(`${row.n} of ${ids.length} in planning`);
      }, setUpMs);
      for (let i = 0; i < handles.length; i += 20) {
        await Promise.all(
          handles
            .slice(i, i + 20)
            .map((handle) =>
              eventually(
                () => handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan }] }),
                60_000,
              ),
            ),
        );
      }
      return { ids, handles };
    };
    const approveViaGateway = (id: string) =>
      new Promise<void>((resolve, reject) => {
        const body = '{}';
        const request = httpRequest(
          `${base}/initiatives/${id}/plans/1/approvals`,
          {
            method: 'POST',
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              if (response.statusCode !== 200) {
                reject(new Error(`approval answered ${response.statusCode}`));
                return;
              }
              JSON.parse(Buffer.concat(chunks).toString('utf8'));
              resolve();
            });
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    /** Approvals in pairs, one through each path, alternating which goes first. */
    const measure = async (
      { ids, handles }: Awaited<ReturnType<typeof prepare>>,
      quietMs: number,
      samples: { gateway: Sample[]; bare: Sample[] },
    ) => {
      const send = async (into: Sample[], handle: WorkflowHandle, approve: () => Promise<unknown>) => {
        await setTimeout(quietMs);
        into.push({ handle, ms: (await timed(approve)).ms });
      };
      for (let i = 0; 2 * i + 1 < handles.length; i++) {
        const gatewayHandle = handles[2 * i]!;
        const bareHandle = handles[2 * i + 1]!;
        const runGateway = () =>
          send(samples.gateway, gatewayHandle, () => approveViaGateway(ids[2 * i] ?? ''));
        const runBare = () =>
          send(samples.bare, bareHandle, () =>
            bareHandle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] }),
          );
        // Neither profits from the other warming the worker.
        if (samples.gateway.length % 2 === 0) {
          await runGateway();
          await runBare();
        } else {
          await runBare();
          await runGateway();
        }
      }
    };
    const results: BenchResult[] = [];
    for (const [index, pace] of PACES.entries()) {
      // In rounds of CHUNK_PAIRS pairs, each round's initiatives ended after it: the worker keeps
      // a small, steady working set, so that both paths meet the same worker (not one whose heap
      // grows with every initiative still open from earlier rounds).
      const samples = { gateway: [] as Sample[], bare: [] as Sample[] };
      for (let done = 0, round = 0; done < warmUp + n; round++) {
        const pairs = Math.min(CHUNK_PAIRS, warmUp + n - done);
        const initiatives = await prepare(`${index}-${round}`, pairs);
        await measure(initiatives, smoke ? 0 : pace.quietMs, samples);
        await Promise.all(initiatives.handles.map((handle) => handle.terminate('benchmark round done')));
        done += pairs;
      }
      const counted = (all: Sample[]) => all.slice(warmUp);
      const ms = (all: Sample[]) => counted(all).map((sample) => sample.ms);
      const g = percentiles(ms(samples.gateway));
      const b = percentiles(ms(samples.bare));
      const [p50Low, p50High] = quantileRatioCi(ms(samples.gateway), ms(samples.bare), 0.5);
      const [p99Low, p99High] = quantileRatioCi(ms(samples.gateway), ms(samples.bare), 0.99);
      const gOutside = percentiles(await outsideTemporal(counted(samples.gateway)));
      const bOutside = percentiles(await outsideTemporal(counted(samples.bare)));
      results.push({
        benchmark: `approval round trip, gateway vs bare executeUpdate, ${pace.name}`,
        figure: `p50 ${fmt(g.p50, 1)} vs ${fmt(b.p50, 1)} ms (ratio ${fmt(g.p50 / b.p50, 2)}, 95% bootstrap interval ${fmt(p50Low, 2)}–${fmt(p50High, 2)}), p99 ${fmt(g.p99, 1)} vs ${fmt(b.p99, 1)} ms (ratio ${fmt(g.p99 / b.p99, 2)}, interval ${fmt(p99Low, 2)}–${fmt(p99High, 2)}); ${n} approvals each, interleaved, ${pace.describe}, in rounds of ${CHUNK_PAIRS} initiatives per path (after ${warmUp} uncounted); of which outside Temporal (caller, network, gateway; the rest is the server and the worker, by the server's event times): p50 ${fmt(gOutside.p50, 1)} vs ${fmt(bOutside.p50, 1)} ms, p99 ${fmt(gOutside.p99, 1)} vs ${fmt(bOutside.p99, 1)} ms`,
        target: 'ratio ≤ 1.15 at p50 and p99',
        met: smoke ? null : g.p50 / b.p50 <= 1.15 && g.p99 / b.p99 <= 1.15,
        command,
      });
    }
    return results;
  } finally {
    agent.destroy();
    await Promise.all([stopEntryPoint(gateway), stopEntryPoint(worker)]);
    await dataSource.destroy();
    await env.teardown();
  }
}
