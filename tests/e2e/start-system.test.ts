import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { workspaceRoot } from '@cio/config';
import { DEFAULT_TASK_QUEUE, searchAttributeCliPairs } from '@cio/contracts';
import { eventually, freePort } from '@cio/testing';

// `npm start` as a user runs it, on its embedded defaults (dev server with a SQLite file, embedded
// PostgreSQL), only on free ports and a throwaway data directory.
interface System {
  process: ChildProcess;
  output: () => string;
}

// The first start after a change to the web app or the lock file builds the web app (Vite) before
// anything starts; on a fresh clone, always.
const START_MS = 150_000;
// Started twice, and an initiative run in between.
const START_AND_RESTART_MS = 2 * START_MS + 60_000;

function startSystem(env: NodeJS.ProcessEnv): Promise<System> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: workspaceRoot, env, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), START_MS);
    const check = () => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ process: child, output: () => output });
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

function stopSystem(system: System): Promise<number | null> {
  return new Promise((resolve) => {
    if (system.process.exitCode !== null) return resolve(system.process.exitCode);
    system.process.removeAllListeners('exit');
    system.process.once('exit', (code) => resolve(code));
    system.process.kill('SIGTERM');
  });
}

/** `npm start` run to its end (it is expected to fail): exit code and what it wrote. */
function runSystemToEnd(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: workspaceRoot, env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`npm start did not end:\n${stdout}${stderr}`));
    }, 100_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether another `npm start` could bind `port` now. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Processes whose command line mentions `text` (a dev server started with `--port <port>`). */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        return commandLine.includes(text) ? [`${pid}: ${commandLine}`] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function isListening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cio-start-'));
  chmodSync(dataDir, 0o755); // as root, the embedded cluster runs as the postgres user
  let env: NodeJS.ProcessEnv;
  let system: System | undefined;

  beforeAll(async () => {
    const [devPort, uiPort, pgPort, gatewayPort, metricsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(devPort),
      TEMPORAL_UI_PORT: String(uiPort),
      EMBEDDED_PG_PORT: String(pgPort),
      GATEWAY_PORT: String(gatewayPort),
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      // As a newcomer runs it: development, so readable log lines (LOG_FORMAT defaults to pretty).
      NODE_ENV: 'development',
      LOG_FORMAT: '',
      LOG_LEVEL: 'info',
    };
  });

  afterAll(async () => {
    if (system) await stopSystem(system);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad configuration value with a message naming the variable, starting nothing', () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: workspaceRoot,
      env: { ...env, GATEWAY_PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/GATEWAY_PORT: /);
  });

  it(
    'starts Temporal (UI and search attributes), PostgreSQL, worker and gateway; stops cleanly; keeps data',
    async () => {
      system = await startSystem(env);
      const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
      expect(system.output()).toContain(`Gateway      ${gateway}`);
      expect(system.output()).toContain(`Temporal UI  http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
      expect(system.output()).toContain(`${gateway}/docs`);

      const ready = await fetch(`${gateway}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { postgres: { status: 'up' }, temporal: { status: 'up' } },
      });
      expect((await fetch(`${gateway}/health/live`)).status).toBe(200);
      expect((await fetch(`${gateway}/openapi.json`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);

      const address = `127.0.0.1:${env.TEMPORAL_DEV_PORT}`;
      let connection = await Connection.connect({ address });
      const { customAttributes } = await connection.operatorService.listSearchAttributes({
        namespace: 'default',
      });
      for (const { name } of searchAttributeCliPairs())
        expect(Object.keys(customAttributes ?? {})).toContain(name);

      // The running worker serves the task queue: a workflow goes through activity and register.
      const workflowId = `register-check-${Date.now()}`;
      const result = await new Client({ connection }).workflow.execute('registerCheckWorkflow', {
        taskQueue: DEFAULT_TASK_QUEUE,
        workflowId,
        args: [],
      });
      expect(result).toEqual({ migrations: expect.arrayContaining(['InitialRegister1764018000000']) });
      await connection.close();

      // The worker's Prometheus endpoint: the SDK's own series and ours from the register.
      await eventually(async () => {
        const metrics = await (await fetch(`http://${env.WORKER_METRICS_ADDRESS}/metrics`)).text();
        expect(metrics).toMatch(/^temporal_workflow_completed\{.*\} 1$/m);
        expect(metrics).toMatch(/^cio_initiatives\{.*phase="Assessing".*\} 0$/m);
        expect(metrics).toMatch(/cio_waits_overdue\S* 0$/m);
      }, 40_000);
      // In development the terminal shows readable lines naming the process, the SDK's own messages
      // included; no JSON, no colours when piped, no webpack bundle report, no Nest route listing.
      const output = system.output();
      const time = String.raw`\[\d\d:\d\d:\d\d\.\d{3}\]`;
      expect(output).toMatch(new RegExp(`^${time} INFO \\(system\\): register migrated `, 'm'));
      expect(output).toMatch(new RegExp(`^${time} INFO \\(worker\\): worker polling `, 'm'));
      expect(output).toMatch(
        new RegExp(`^${time} INFO \\(worker\\): Worker state changed .*"sdk":true`, 'm'),
      );
      expect(output).toMatch(new RegExp(`^${time} INFO \\(gateway\\): gateway listening `, 'm'));
      expect(output).not.toMatch(/^\{"level"/m);
      expect(output).not.toContain('\u001b[');
      expect(output).not.toMatch(
        /webpack \d+\.\d+\.\d+ compiled|^asset workflow-bundle|Workflow bundle created/m,
      );
      expect(output).not.toMatch(/Mapped \{|dependencies initialized/);

      // SIGTERM stops everything: exit 0, and nothing listens any more.
      expect(await stopSystem(system)).toBe(0);
      for (const port of [env.GATEWAY_PORT, env.TEMPORAL_UI_PORT])
        expect(await isListening(Number(port))).toBe(false);

      // Started again on the same data: the earlier workflow is still there.
      system = await startSystem(env);
      connection = await Connection.connect({ address });
      const described = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      expect(described.status.name).toBe('COMPLETED');
      await connection.close();
      expect(await stopSystem(system)).toBe(0);
      system = undefined;
    },
    START_AND_RESTART_MS,
  );
});

describe('npm start that fails on the way up', () => {
  const dataDirs: string[] = [];
  let busy: Server | undefined;

  async function failingEnv(overrides: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
    const dataDir = mkdtempSync(join(tmpdir(), 'cio-start-failing-'));
    chmodSync(dataDir, 0o755); // as root, the embedded cluster runs as the postgres user
    dataDirs.push(dataDir);
    return {
      ...process.env,
      DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      GATEWAY_PORT: String(await freePort()),
      WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      ...overrides,
    };
  }

  /** It exited 1, ending with one line that says what failed, and left no dev server behind. */
  async function expectStoppedEverything(
    run: Awaited<ReturnType<typeof runSystemToEnd>>,
    env: NodeJS.ProcessEnv,
    reason: RegExp,
  ): Promise<void> {
    expect(run.code).toBe(1);
    const failures = run.stderr.split('\n').filter((line) => line.startsWith('npm start failed: '));
    expect(failures).toEqual([expect.stringMatching(reason)]);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(failures[0]);
    expect(processesMentioning(`--port ${env.TEMPORAL_DEV_PORT} `)).toEqual([]);
    expect(processesMentioning(`${env.DATA_DIR}/postgres`)).toEqual([]);
    for (const port of [env.TEMPORAL_DEV_PORT, env.TEMPORAL_UI_PORT, env.GATEWAY_PORT])
      expect({ port, free: await canBind(Number(port)) }).toEqual({ port, free: true });
  }

  afterAll(async () => {
    await new Promise((resolve) => (busy ? busy.close(resolve) : resolve(undefined)));
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the dev server it had started when a later step fails (the register cannot be reached)', async () => {
    // Nothing listens there: the migration, which runs once Temporal is up, fails.
    const env = await failingEnv({
      DATABASE_URL: `postgres://register:secret@127.0.0.1:${await freePort()}/register`,
    });
    const run = await runSystemToEnd(env);
    expect(run.stdout).toContain(`localhost:${env.TEMPORAL_DEV_PORT}`); // the dev server had started
    await expectStoppedEverything(
      run,
      env,
      /^npm start failed: the register could not be migrated: .*ECONNREFUSED/,
    );
  });

  it('stops the embedded PostgreSQL when the dev server cannot even be spawned', async () => {
    const env = await failingEnv({});
    const notExecutable = join(env.DATA_DIR ?? '', 'temporal');
    writeFileSync(notExecutable, '', { mode: 0o644 });
    const run = await runSystemToEnd({ ...env, TEMPORAL_CLI_PATH: notExecutable });
    await expectStoppedEverything(
      run,
      env,
      /^npm start failed: the Temporal dev server could not be started: spawn \S+ EACCES$/,
    );
    // It had started the embedded PostgreSQL meanwhile: that is stopped too.
    expect({ port: env.EMBEDDED_PG_PORT, free: await canBind(Number(env.EMBEDDED_PG_PORT)) }).toEqual({
      port: env.EMBEDDED_PG_PORT,
      free: true,
    });
  });

  it('stops the dev server when the embedded PostgreSQL cannot start (its port is taken)', async () => {
    const env = await failingEnv({});
    busy = createServer();
    await new Promise<void>((resolve) => busy?.listen(Number(env.EMBEDDED_PG_PORT), '127.0.0.1', resolve));
    const run = await runSystemToEnd(env);
    await expectStoppedEverything(
      run,
      env,
      /^npm start failed: the embedded PostgreSQL could not start: postgres exited \(1\) before accepting connections: .*Address already in use/,
    );
  });
});
