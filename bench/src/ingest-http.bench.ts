import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { createActivities } from '@cio/activities';
import { loadConfig, workspaceRoot } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import {
  compiledEntryPoint,
  eventually,
  freePort,
  issueToken,
  retailerInitiative,
  spawnEntryPoint,
  stopEntryPoint,
} from '@cio/testing';
import { cpuProfileByPackage, type PackageTime } from './cpu-profile';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt, percentiles } from './timing';

const INITIATIVE = 'bench-ingest-http';
/** Monitoring tools pushing at once, each with a keep-alive connection and a token of its own. */
const CALLERS = 100;
const PASS_SECONDS = 10;
const WARM_UP_SECONDS = 3;
/** Gateway (A) and bare server (B) passes, so that neither always meets a fresher register. */
const ORDER = 'ABBA';

/** Where a path's requests go, and the process whose CPU they cost. */
interface Target {
  name: 'gateway' | 'bare';
  port: number;
  path: string;
  tokens: string[] | null;
  process: ChildProcess;
}

interface Pass {
  requests: number;
  seconds: number;
  ms: number[];
  failures: Map<number, number>;
  accepted: number;
  /** CPU milliseconds over the pass. */
  cpu: { server: number; postgres: number; client: number };
  /** The pass's samples in the register, and the INSERT statements (transactions) that stored them. */
  stored: { samples: number; statements: number };
}

/** The benchmark's database: its name (in its backends' titles), and what a pass stored. */
interface Register {
  name: string;
  stored(label: string): Promise<Pass['stored']>;
}

/** utime + stime of a process, in milliseconds (clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU so far of each PostgreSQL backend connected to one database (its title names it), by pid. */
function postgresCpuMs(database: string): Map<number, number> {
  const backends = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ').includes(database)) {
        backends.set(Number(entry), processCpuMs(Number(entry)));
      }
    } catch {
      // gone meanwhile
    }
  }
  return backends;
}

/** CPU the backends spent between two readings (a backend gone meanwhile takes its share along). */
function postgresCpuSince(before: Map<number, number>, database: string): number {
  let total = 0;
  for (const [pid, ms] of postgresCpuMs(database)) total += ms - (before.get(pid) ?? 0);
  return total;
}

function post(agent: Agent, target: Target, token: string | undefined, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: 'POST',
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * `CALLERS` callers, each pushing one sample per request, one request after another, for
 * `seconds`; only requests answered before the end count.
 */
async function loadPass(
  target: Target,
  agents: Agent[],
  register: Register,
  { label, seconds, window }: { label: string; seconds: number; window?: { from: bigint; to: bigint } },
): Promise<Pass> {
  const ms: number[] = [];
  const failures = new Map<number, number>();
  let accepted = 0;
  const cpuBefore = {
    server: processCpuMs(target.process.pid),
    postgres: postgresCpuMs(register.name),
    client: process.cpuUsage(),
  };
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(seconds * 1e9);
  if (window) window.from = start;
  await Promise.all(
    agents.map(async (agent, caller) => {
      for (let seq = 0; process.hrtime.bigint() < deadline; seq++) {
        const body = JSON.stringify({
          samples: [
            {
              kpi: 'response_minutes',
              value: 5 + (seq % 97) / 10,
              observedAt: new Date().toISOString(),
              clientKey: `${label}-${caller}-${seq}`,
            },
          ],
        });
        const sent = process.hrtime.bigint();
        const { status, text } = await post(agent, target, target.tokens?.[caller], body);
        const answered = process.hrtime.bigint();
        if (answered > deadline) break;
        if (status === 200) {
          accepted += (JSON.parse(text) as { accepted: number }).accepted;
          ms.push(Number(answered - sent) / 1e6);
        } else {
          failures.set(status, (failures.get(status) ?? 0) + 1);
        }
      }
    }),
  );
  if (window) window.to = deadline;
  const client = process.cpuUsage(cpuBefore.client);
  const postgres = postgresCpuSince(cpuBefore.postgres, register.name);
  const server = processCpuMs(target.process.pid) - cpuBefore.server;
  return {
    requests: ms.length,
    seconds,
    ms,
    failures,
    accepted,
    cpu: { server, postgres, client: (client.user + client.system) / 1000 },
    stored: await register.stored(label),
  };
}

/** The passes of one path, merged. */
function merged(passes: Pass[]) {
  const ms = passes.flatMap((p) => p.ms);
  const requests = ms.length;
  const seconds = passes.reduce((sum, p) => sum + p.seconds, 0);
  const sum = (of: (p: Pass) => number) => passes.reduce((total, p) => total + of(p), 0);
  const perRequestUs = (of: (p: Pass) => number) => (sum(of) * 1000) / requests;
  return {
    perSecond: requests / seconds,
    perPass: passes.map((p) => p.requests / p.seconds),
    ...percentiles(ms),
    failures: sum((p) => [...p.failures.values()].reduce((a, b) => a + b, 0)),
    // Every sample stored counts here, those of requests answered after the end too.
    samplesPerStatement: sum((p) => p.stored.samples) / sum((p) => p.stored.statements),
    accepted: sum((p) => p.accepted),
    cpuUs: {
      server: perRequestUs((p) => p.cpu.server),
      postgres: perRequestUs((p) => p.cpu.postgres),
      client: perRequestUs((p) => p.cpu.client),
    },
  };
}

const failuresOf = (passes: Pass[]) =>
  passes
    .flatMap((p) => [...p.failures.entries()])
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');

/**
 * Single-sample measurement pushes over HTTP, through the gateway (its own process, compiled, as
 * production runs it) and through a bare Node `http` server with the same validation and the same
 * INSERT, in one run with the same client load; then one more gateway pass under `--cpu-prof`,
 * summarised by package, to say where the gateway's time goes.
 */
export async function ingestHttpBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const passSeconds = smoke ? 1 : PASS_SECONDS;
  const warmUpSeconds = smoke ? 1 : WARM_UP_SECONDS;
  const order = smoke ? 'AB' : ORDER;
  const database = await services.database();
  const dataSource = createDataSource({ ...database.options, poolSize: 2 });
  await dataSource.initialize();
  const register: Register = {
    name: new URL(database.url).pathname.slice(1),
    async stored(label) {
      // Rows one statement stored share its transaction id.
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS samples, count(DISTINCT xmin::text)::int AS statements
           FROM measurements WHERE initiative_id = $1 AND client_key LIKE $2`,
        [INITIATIVE, `${label}-%`],
      );
      return row as Pass['stored'];
    },
  };
  const activities = createActivities({ dataSource, logger: pino({ level: 'silent' }) });
  await activities.registerInitiative({
    workflowId: `initiative-${INITIATIVE}`,
    definition: retailerInitiative(INITIATIVE),
    phase: 'Assessing',
    cycle: 1,
  });
  const profileDir = join(workspaceRoot, 'tmp/bench/ingest-http-profile');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const gatewayEnv = {
    DATABASE_URL: database.url,
    // Ingest never reaches Temporal; the client connects lazily, so nothing need listen here.
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    GATEWAY_WRITE_RATE_LIMIT: '1000000',
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(gatewayEnv);
  const tokens = await Promise.all(
    Array.from({ length: CALLERS }, (_, i) =>
      issueToken(config, { sub: `probe-${i}`, roles: ['monitoring'], departments: ['customer-service'] }),
    ),
  );
  const started: ChildProcess[] = [];
  const agents = Array.from({ length: CALLERS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const startGateway = async (profile: boolean): Promise<Target> => {
    const port = await freePort();
    const env = { ...process.env, ...gatewayEnv, GATEWAY_PORT: String(port) };
    const entry = 'apps/gateway/src/main.ts';
    // Node refuses --cpu-prof in NODE_OPTIONS: the profiled gateway gets it on its command line.
    const child = profile
      ? spawn(
          process.execPath,
          ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...compiledEntryPoint(entry)],
          {
            cwd: workspaceRoot,
            env,
            stdio: 'ignore',
          },
        )
      : spawnEntryPoint(entry, { compiled: true, env });
    started.push(child);
    await eventually(async () => {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).status !== 200) throw new Error('not live');
    }, 60_000);
    return { name: 'gateway', port, path: `/initiatives/${INITIATIVE}/measurements`, tokens, process: child };
  };
  try {
    const gateway = await startGateway(false);
    const barePort = await freePort();
    const bareProcess = spawnEntryPoint('bench/src/bare/bare-ingest-server.ts', {
      env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
      args: [String(barePort), INITIATIVE],
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    started.push(bareProcess);
    await eventually(async () => {
      if ((await fetch(`http://127.0.0.1:${barePort}/health`)).status !== 200) throw new Error('not up');
    }, 60_000);
    const bare: Target = {
      name: 'bare',
      port: barePort,
      path: `/initiatives/${INITIATIVE}/measurements`,
      tokens: null,
      process: bareProcess,
    };
    // Uncounted: both servers compile their hot code, and the register's table and indexes warm.
    await loadPass(gateway, agents, register, { label: 'warm-gateway', seconds: warmUpSeconds });
    await loadPass(bare, agents, register, { label: 'warm-bare', seconds: warmUpSeconds });
    const passes = { gateway: [] as Pass[], bare: [] as Pass[] };
    for (const [i, path] of [...order].entries()) {
      const target = path === 'A' ? gateway : bare;
      process.stdout.write(`  pass ${i + 1}/${order.length}: ${target.name}…\n`);
      passes[target.name].push(
        await loadPass(target, agents, register, { label: `${target.name}-${i}`, seconds: passSeconds }),
      );
    }
    await stopEntryPoint(gateway.process);

    // The profile: one more gateway pass under --cpu-prof (the profiler costs a little, so it is
    // not one of the counted passes), only its samples inside the pass counted.
    const profiled = await startGateway(true);
    await loadPass(profiled, agents, register, { label: 'warm-profiled', seconds: warmUpSeconds });
    const window = { from: 0n, to: 0n };
    const profilePass = await loadPass(profiled, agents, register, {
      label: 'profiled',
      seconds: passSeconds,
      window,
    });
    await stopEntryPoint(profiled.process);
    const profileFile = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (!profileFile) throw new Error(`no CPU profile in ${profileDir}`);
    const byPackage = cpuProfileByPackage(join(profileDir, profileFile), window);

    const [rows] = await dataSource.query(
      `SELECT count(*)::int AS n FROM measurements WHERE initiative_id = $1 AND client_key NOT LIKE 'warm-%' AND client_key NOT LIKE 'profiled-%'`,
      [INITIATIVE],
    );
    const g = merged(passes.gateway);
    const b = merged(passes.bare);
    if (g.failures > 0 || b.failures > 0) {
      throw new Error(
        `requests failed: gateway ${failuresOf(passes.gateway) || 'none'}, bare ${failuresOf(passes.bare) || 'none'}`,
      );
    }
    // Answered after a pass ended, a request is not counted but its row is stored.
    if (rows.n < g.accepted + b.accepted) {
      throw new Error(`${g.accepted + b.accepted} samples accepted but ${rows.n} stored`);
    }
    const ratio = g.perSecond / b.perSecond;
    const range = (values: number[]) => `${fmt(Math.min(...values), 0)}–${fmt(Math.max(...values), 0)}`;
    const shown = (p: PackageTime) => `${p.name} ${fmt(p.share * 100, 0)}%`;
    const nodeCore = byPackage.filter((p) => p.name.startsWith('node:')).reduce((sum, p) => sum + p.share, 0);
    const profiledRate = fmt(profilePass.requests / profilePass.seconds, 0);
    const busyMs = byPackage.reduce((sum, p) => sum + p.ms, 0);
    process.stdout.write(
      `  gateway self time by package (${profiledRate} requests/s under the profiler, ${fmt(busyMs, 0)} ms busy of ${passSeconds * 1000}): ${byPackage
        .slice(0, 25)
        .map(shown)
        .join(', ')}; Node's own JavaScript in all ${fmt(nodeCore * 100, 0)}%\n`,
    );
    return [
      {
        benchmark: 'measurement ingest over HTTP, gateway vs bare server',
        figure: `${fmt(g.perSecond, 0)} vs ${fmt(b.perSecond, 0)} single-sample requests/s (ratio ${fmt(ratio, 2)}; passes ${range(g.perPass)} vs ${range(b.perPass)}), p50 ${fmt(g.p50, 1)} vs ${fmt(b.p50, 1)} ms, p99 ${fmt(g.p99, 1)} vs ${fmt(b.p99, 1)} ms; ${CALLERS} callers with keep-alive (each its own token), ${order.length / 2} passes of ${passSeconds} s per path in the order ${order} (after ${warmUpSeconds} s uncounted), every request 200 and every sample stored; ${fmt(g.samplesPerStatement, 1)} vs ${fmt(b.samplesPerStatement, 1)} samples per INSERT; CPU per request: server ${fmt(g.cpuUs.server, 0)} vs ${fmt(b.cpuUs.server, 0)} µs, PostgreSQL ${fmt(g.cpuUs.postgres, 0)} vs ${fmt(b.cpuUs.postgres, 0)} µs, client ${fmt(g.cpuUs.client, 0)} vs ${fmt(b.cpuUs.client, 0)} µs`,
        target: "≥ 0.5 × the bare server's requests/s",
        met: smoke ? null : ratio >= 0.5,
        command,
      },
      {
        benchmark: 'measurement ingest over HTTP, gateway CPU by package',
        figure: `self time in one more ${passSeconds} s gateway pass under --cpu-prof (${profiledRate} requests/s, ${fmt(busyMs / (passSeconds * 10), 0)}% of a core busy): ${byPackage.slice(0, 10).map(shown).join(', ')}; Node's own JavaScript in all ${fmt(nodeCore * 100, 0)}% (a V8 builtin or native call counts for the package that made it)`,
        target: '–',
        met: null,
        command,
      },
    ];
  } finally {
    for (const agent of agents) agent.destroy();
    await Promise.all(started.map((child) => stopEntryPoint(child)));
    await dataSource.destroy();
  }
}
