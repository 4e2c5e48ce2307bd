import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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

function startSystem(env: NodeJS.ProcessEnv): Promise<System> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: workspaceRoot, env, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 150_000);
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

  it('starts Temporal (UI and search attributes), PostgreSQL, worker and gateway; stops cleanly; keeps data', async () => {
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
    // The worker logs JSON lines through pino, the SDK's own messages included.
    const sdkLine = system
      .output()
      .split('\n')
      .find((line) => line.includes('"sdk":true'));
    expect(sdkLine && JSON.parse(sdkLine)).toEqual(
      expect.objectContaining({ component: 'worker', msg: expect.any(String) }),
    );

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
  });
});
