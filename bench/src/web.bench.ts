import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { loadConfig, workspaceRoot } from '@cio/config';
import {
  ensureChromium,
  eventually,
  freePort,
  issueToken,
  retailerInitiative,
  samplesAround,
  spawnEntryPoint,
  startDevServer,
  stopEntryPoint,
} from '@cio/testing';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt } from './timing';
import { startWorkerProcess } from './worker-process';

/** The windows of the initiative the benchmark runs through three cycles: short, real time. */
const WINDOW_MS = 3_000;
/** Samples in all, spread over the assessment and the three evaluation windows. */
const SAMPLES = 10_000;
/** The budgets of issue 17: My work's first-load JavaScript, and the Lighthouse scores. */
const SCRIPT_BUDGET_BYTES = 200 * 1024;
const PERFORMANCE_TARGET = 90;
const ACCESSIBILITY_TARGET = 95;

interface LighthouseResult {
  page: string;
  formFactor: 'desktop' | 'mobile';
  finalUrl: string;
  performance: number;
  accessibility: number;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  scriptBytes: number;
  scripts: number;
  failing: string[];
  /** The performance score of every run; the rest is of the median run. */
  performanceRuns: number[];
}

const people = {
  maria: { sub: 'maria', roles: ['improvement-manager'], departments: ['customer-service'] },
  li: { sub: 'li', roles: ['cs-lead'], departments: ['customer-service'] },
  omar: { sub: 'omar', roles: ['change-board'], departments: ['it'] },
};

/**
 * The web app's budgets, measured as a person meets them: the production build served by the
 * gateway (gzip), a real system behind it (Temporal dev server, the worker, PostgreSQL), and
 * Lighthouse in Debian's Chromium on My work and on an initiative that went through three cycles
 * with 10,000 samples (its chart, evaluation table, timeline and trail), signed in as Maria.
 * Desktop is the target (people work at their desks); the mobile preset is reported beside it.
 */
export async function webBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const build = spawnSync(process.execPath, [join(workspaceRoot, 'scripts/build-web.mjs')], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`the web app did not build:\n${build.stdout}\n${build.stderr}`);
  const chromePath = ensureChromium();
  const database = await services.database();
  const env = await startDevServer();
  const taskQueue = `bench-web-${Date.now()}`;
  const port = await freePort();
  const gatewayEnv = {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: 'a-benchmark-secret-that-is-long-enough-for-hs256',
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: database.url,
    GATEWAY_PORT: String(port),
    WEB_DIST_DIR: join(workspaceRoot, 'dist/web'),
    LOG_LEVEL: 'warn',
    POLICY_MIN_INTERVAL_MS: '1000',
  };
  const config = loadConfig(gatewayEnv);
  const { GATEWAY_PORT: _port, WEB_DIST_DIR: _dist, ...workerEnv } = gatewayEnv;
  const worker = await startWorkerProcess('initiative', workerEnv);
  const gateway = spawnEntryPoint('apps/gateway/src/main.ts', { compiled: true, env: gatewayEnv });
  const base = `http://127.0.0.1:${port}`;
  try {
    await eventually(async () => {
      if ((await fetch(`${base}/health/ready`)).status !== 200) throw new Error('not ready');
    }, 60_000);
    const tokens = Object.fromEntries(
      await Promise.all(
        Object.entries(people).map(async ([name, claims]) => [name, await issueToken(config, claims)]),
      ),
    ) as Record<keyof typeof people, string>;
    const call = async (who: keyof typeof people, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
    const id = `web-bench-${Date.now()}`;
    const definition = retailerInitiative(id);
    const created = (await call('maria', 'POST', '/initiatives', {
      ...definition,
      policy: {
        ...definition.policy,
        assessmentPeriodMs: WINDOW_MS,
        evaluationWindowMs: WINDOW_MS,
        minSamples: 3,
        followUpIntervalMs: 86_400_000,
      },
    })) as { assessmentWindow: { from: string } };
    const phase = async () => {
      const { state } = (await call('maria', 'GET', `/initiatives/${id}`)) as {
        state: { phase: string; cycle: number };
      };
      return `${state.phase} ${state.cycle}`;
    };
    const reach = (expected: string) =>
      eventually(async () => {
        if ((await phase()) !== expected) throw new Error(`not yet ${expected}`);
      }, 60_000);
    const perWindow = Math.floor((smoke ? 400 : SAMPLES) / 4);
    let pushed = 0;
    /** One window's samples around `median`, spread from the window's start to now. */
    const feed = async (median: number, from: number) => {
      const now = Date.now();
      const span = Math.max(1, now - from - 50);
      const samples = samplesAround(median, perWindow).map((value, i) => ({
        kpi: 'response_minutes',
        value,
        observedAt: new Date(from + 25 + Math.round((i / perWindow) * span)).toISOString(),
        clientKey: `s-${pushed + i}`,
      }));
      pushed += samples.length;
      await call('maria', 'POST', `/initiatives/${id}/measurements`, { samples });
    };
    await setTimeout(WINDOW_MS / 2);
    await feed(12, Date.parse(created.assessmentWindow.from));
    await reach('Planning 1');
    // Three cycles: 9 and 6.5 fall short of 5, then 4.2 meets it.
    for (const [cycle, median] of [
      [1, 9],
      [2, 6.5],
      [3, 4.2],
    ] as const) {
      const submitted = (await call('maria', 'POST', `/initiatives/${id}/plans`, {
        measures: [{ title: `measure of cycle ${cycle}`, kind: 'process', department: 'customer-service' }],
      })) as { plan: { version: number } };
      const version = submitted.plan.version;
      await call('li', 'POST', `/initiatives/${id}/plans/${version}/approvals`, {});
      const approved = (await call('omar', 'POST', `/initiatives/${id}/plans/${version}/approvals`, {})) as {
        evaluationWindow: { from: string };
      };
      await setTimeout(WINDOW_MS / 2);
      await feed(median, Date.parse(approved.evaluationWindow.from));
      await reach(cycle < 3 ? `Planning ${cycle + 1}` : 'Sustaining 3');
    }
    const results = await lighthouse(
      chromePath,
      base,
      tokens.maria,
      [
        { name: 'My work', url: `${base}/app/` },
        { name: 'initiative', url: `${base}/app/initiatives/${id}` },
      ],
      // Each score the median of five runs, as Lighthouse advises (one in the smoke run).
      smoke ? 1 : 5,
    );
    const of = (page: string, formFactor: 'desktop' | 'mobile') => {
      const found = results.find((r) => r.page === page && r.formFactor === formFactor);
      if (!found) throw new Error(`no Lighthouse result for ${page} (${formFactor})`);
      return found;
    };
    const myWork = of('My work', 'desktop');
    const initiative = of('initiative', 'desktop');
    const runs = (r: LighthouseResult) =>
      r.performanceRuns.length > 1
        ? ` (median of ${r.performanceRuns.length} runs: ${r.performanceRuns.join(', ')})`
        : '';
    const scores = (r: LighthouseResult) =>
      `performance ${r.performance}${runs(r)}, accessibility ${r.accessibility} (LCP ${fmt((r.lcpMs ?? 0) / 1000, 2)} s, TBT ${fmt(r.tbtMs ?? 0, 0)} ms, CLS ${fmt(r.cls ?? 0, 3)})`;
    const mobile = (page: string) => {
      const r = of(page, 'mobile');
      return `mobile preset (slow 4G, 4× CPU): performance ${r.performance}${runs(r)}, accessibility ${r.accessibility}, LCP ${fmt((r.lcpMs ?? 0) / 1000, 2)} s`;
    };
    // Met on both form factors: the desktop preset and Lighthouse's default, a slow phone.
    const met = (page: string) =>
      [of(page, 'desktop'), of(page, 'mobile')].every(
        (r) => r.performance >= PERFORMANCE_TARGET && r.accessibility >= ACCESSIBILITY_TARGET,
      );
    const target = `performance ≥ ${PERFORMANCE_TARGET}, accessibility ≥ ${ACCESSIBILITY_TARGET}, desktop and mobile`;
    return [
      {
        benchmark: 'web app: My work first-load JavaScript',
        figure: `${fmt(myWork.scriptBytes / 1024, 1)} KB gzip in ${myWork.scripts} scripts, as the gateway sends them to Chromium (Lighthouse's network record of the page, signed in)`,
        target: '≤ 200 KB gzip',
        met: myWork.scriptBytes <= SCRIPT_BUDGET_BYTES,
        command,
      },
      {
        benchmark: 'web app: Lighthouse on My work',
        figure: `desktop: ${scores(myWork)}; ${mobile('My work')}`,
        target,
        met: met('My work'),
        command,
      },
      {
        benchmark: 'web app: Lighthouse on an initiative with 3 cycles and 10,000 samples',
        figure: `desktop: ${scores(initiative)}; ${mobile('initiative')}; ${pushed.toLocaleString('en-US')} samples over the assessment and three evaluations, cycles 1 and 2 not met, cycle 3 met (Sustaining)`,
        target,
        met: met('initiative'),
        command,
      },
    ];
  } finally {
    await stopEntryPoint(gateway);
    await worker.stop();
    await env.teardown();
  }
}

/** Runs bench/src/lighthouse-run.mjs (Lighthouse is ES modules only) on the pages, signed in as Maria. */
async function lighthouse(
  chromePath: string,
  base: string,
  token: string,
  pages: { name: string; url: string }[],
  runs: number,
): Promise<LighthouseResult[]> {
  const job = {
    chromePath,
    originUrl: `${base}/health/live`,
    session: {
      token,
      person: { ...people.maria, name: null },
      via: 'token',
      expiresAt: Date.now() + 3_600_000,
    },
    pages,
    runs,
  };
  const child = spawn(process.execPath, [join(workspaceRoot, 'bench/src/lighthouse-run.mjs')], {
    cwd: workspaceRoot,
    env: { ...process.env, CHROME_PATH: chromePath },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (output += chunk));
  child.stdin.end(JSON.stringify(job));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`lighthouse-run exited with ${code}`);
  const line = output.trim().split('\n').at(-1) ?? '[]';
  return JSON.parse(line) as LighthouseResult[];
}
