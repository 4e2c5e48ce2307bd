import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { createActivities } from '@cio/activities';
import { loadConfig, workspaceRoot } from '@cio/config';
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
import { createInitiativeWorker } from '@cio/worker';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt, percentiles, timed } from './timing';

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
  const worker = await createInitiativeWorker({
    connection: env.nativeConnection,
    config: loadConfig({ TEMPORAL_TASK_QUEUE: taskQueue }),
    activities: createActivities({ dataSource, logger: pino({ level: 'silent' }) }),
  });
  const running = worker.run();
  const port = await freePort();
  const gatewayEnv = {
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_ADDRESS: env.address,
    DATABASE_URL: database.url,
    GATEWAY_PORT: String(port),
    GATEWAY_WRITE_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
  };
  const gateway: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(workspaceRoot, 'apps/gateway/src/main.ts')],
    {
      cwd: workspaceRoot,
      env: { ...process.env, ...gatewayEnv, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json') },
      stdio: 'ignore',
    },
  );
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
    const ids = Array.from({ length: 2 * (warmUp + n) }, (_, i) => `bench-approve-${i}`);
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
    const viaGateway: number[] = [];
    const bare: number[] = [];
    const approveViaGateway = async (id: string) => {
      const response = await fetch(`${base}/initiatives/${id}/plans/1/approvals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      if (response.status !== 200) throw new Error(`approval answered ${response.status}`);
      await response.json();
    };
    for (let i = 0; i < warmUp + n; i++) {
      const gatewayId = ids[2 * i] ?? '';
      const bareHandle = handles[2 * i + 1];
      if (!bareHandle) break;
      const runGateway = async () => viaGateway.push((await timed(() => approveViaGateway(gatewayId))).ms);
      const runBare = async () =>
        bare.push(
          (
            await timed(() =>
              bareHandle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] }),
            )
          ).ms,
        );
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
    const g = percentiles(viaGateway);
    const b = percentiles(bare);
    return [
      {
        benchmark: 'approval round trip, gateway vs bare executeUpdate',
        figure: `p50 ${fmt(g.p50, 1)} vs ${fmt(b.p50, 1)} ms (ratio ${fmt(g.p50 / b.p50, 2)}), p99 ${fmt(g.p99, 1)} vs ${fmt(b.p99, 1)} ms (ratio ${fmt(g.p99 / b.p99, 2)}); ${n} approvals each, interleaved, after ${warmUp} uncounted`,
        target: 'ratio ≤ 1.15 at p50 and p99',
        met: smoke ? null : g.p50 / b.p50 <= 1.15 && g.p99 / b.p99 <= 1.15,
        command,
      },
    ];
  } finally {
    gateway.kill('SIGTERM');
    worker.shutdown();
    await running;
    await dataSource.destroy();
    await env.teardown();
  }
}
