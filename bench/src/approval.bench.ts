import { Agent, request as httpRequest } from 'node:http';
import { setTimeout } from 'node:timers/promises';
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
  startDevServer,
} from '@cio/testing';
import { spawnEntryPoint, stopEntryPoint } from './processes';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt, percentiles, timed } from './timing';

/**
 * Two paces: approvals one right after another (each meets the follow-up work of the one before:
 * audit, register, the next phase), and approvals that each meet a quiet system, as a person's
 * usually does.
 */
const PACES = [
  { name: 'back to back', quietMs: 0, describe: 'one right after another' },
  { name: 'on a quiet system', quietMs: 100, describe: 'each after 100 ms of quiet' },
] as const;

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
  const n = smoke ? 3 : 400;
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
  // The worker and the gateway run as their own processes, as in production: the benchmark's
  // process holds only the two clients being compared.
  const worker = spawnEntryPoint('apps/worker/src/main.ts', {
    ...gatewayEnv,
    WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
  });
  const gateway = spawnEntryPoint('apps/gateway/src/main.ts', gatewayEnv);
  // A plain keep-alive HTTP/1.1 client, as lean on its side as the gRPC client is on the other.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => {
      if ((await fetch(`${base}/health/ready`)).status !== 200) throw new Error('gateway not ready');
    }, 60_000);
    const token = await issueToken(loadConfig(gatewayEnv), {
      sub: csLead.user,
      roles: [csLead.role],
      departments: ['customer-service'],
    });
    const ids = Array.from({ length: 2 * PACES.length * (warmUp + n) }, (_, i) => `bench-approve-${i}`);
    const handles = await Promise.all(
      ids.map((id) => {
        const def = definition(id);
        return env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
          taskQueue,
          args: [{ definition: def }],
          ...initiativeStartOptions(def),
        });
      }),
    );
    await eventually(async () => {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM initiatives`);
      if (row.n < ids.length) throw new Error(`${row.n} of ${ids.length} registered`);
    }, 180_000);
    // One sample inside each assessment period (it began when the workflow registered the initiative).
    const created: { id: string; at: Date }[] = await dataSource.query(
      `SELECT id, created_at AS at FROM initiatives`,
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
        `SELECT count(*)::int AS n FROM initiatives WHERE phase = 'Planning'`,
      );
      if (row.n < ids.length) throw new Error(`${row.n} of ${ids.length} in planning`);
    }, 180_000);
    const plan = {
      measures: [{ title: 'a tool', kind: 'tool' as const, department: 'it' }],
      tasks: [],
      trainees: [],
    };
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
    /** Approvals in pairs, one through each path, on the initiatives from `first` on. */
    const measure = async (first: number, quietMs: number) => {
      const viaGateway: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < warmUp + n; i++) {
        const gatewayId = ids[first + 2 * i] ?? '';
        const bareHandle = handles[first + 2 * i + 1];
        if (!bareHandle) break;
        const runGateway = async () => {
          await setTimeout(quietMs);
          viaGateway.push((await timed(() => approveViaGateway(gatewayId))).ms);
        };
        const runBare = async () => {
          await setTimeout(quietMs);
          const update = () =>
            bareHandle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
          bare.push((await timed(update)).ms);
        };
        if (i === warmUp) {
          viaGateway.length = 0;
          bare.length = 0;
        }
        // Alternate which goes first, so neither profits from the other warming the worker.
        if (i % 2 === 0) {
          await runGateway();
          await runBare();
        } else {
          await runBare();
          await runGateway();
        }
      }
      return { g: percentiles(viaGateway), b: percentiles(bare) };
    };
    const results: BenchResult[] = [];
    for (const [index, pace] of PACES.entries()) {
      const { g, b } = await measure(index * 2 * (warmUp + n), smoke ? 0 : pace.quietMs);
      results.push({
        benchmark: `approval round trip, gateway vs bare executeUpdate, ${pace.name}`,
        figure: `p50 ${fmt(g.p50, 1)} vs ${fmt(b.p50, 1)} ms (ratio ${fmt(g.p50 / b.p50, 2)}), p99 ${fmt(g.p99, 1)} vs ${fmt(b.p99, 1)} ms (ratio ${fmt(g.p99 / b.p99, 2)}); ${n} approvals each, interleaved, ${pace.describe} (after ${warmUp} uncounted)`,
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
