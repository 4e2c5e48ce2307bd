// `npm start`: the whole system on embedded defaults. Starts (unless told to use existing ones)
// the Temporal dev server and an embedded PostgreSQL, migrates the register, then runs the worker
// and the gateway, compiled by `npm run build`, as child processes. Ctrl-C / SIGTERM stops
// everything in reverse order.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { createLogger, loadConfigOrExit, workspaceRoot } from '@cio/config';
import { searchAttributeCliPairs } from '@cio/contracts';
import { migrateToLatest } from '@cio/persistence';
import { compiledEntryPoint, startEmbeddedPostgres } from '@cio/testing';
import { ensureSearchAttributes } from '@cio/worker';

const config = loadConfigOrExit();
const logger = createLogger(config, 'system');
const children: { name: string; process: ChildProcess }[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

function spawnChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group: a terminal's Ctrl-C reaches only this launcher, which stops the children
  // in order (gateway and worker first, so the worker can drain while Temporal is still up).
  const child = spawn(command, args, {
    cwd: workspaceRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  children.push({ name, process: child });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      logger.error({ process: name, code, signal }, `${name} exited unexpectedly; stopping the system`);
      void shutdown(1);
    }
  });
  return child;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stopping) throw new Error(`stopped while waiting for ${what}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function startTemporal(): Promise<string> {
  const { temporal } = config;
  if (temporal.address) {
    const connection = await Connection.connect({ address: temporal.address });
    await ensureSearchAttributes(connection, temporal.namespace, logger);
    await connection.close();
    return temporal.address;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const address = `127.0.0.1:${temporal.devPort}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(temporal.devPort),
    '--ui-port',
    String(temporal.uiPort),
    '--db-filename',
    join(config.dataDir, 'temporal.sqlite'),
    '--namespace',
    temporal.namespace,
    '--log-level',
    'warn',
    ...searchAttributeCliPairs().flatMap(({ name, type }) => ['--search-attribute', `${name}=${type}`]),
  ];
  const server = spawnChild('temporal', temporal.cliPath, args, process.env);
  cleanups.push(() => waitForExit(server, 15_000));
  await waitUntil('the Temporal dev server', async () => {
    const connection = await Connection.connect({ address, connectTimeout: 1_000 });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({
        namespace: temporal.namespace,
      });
      return searchAttributeCliPairs().every(({ name }) => name in (customAttributes ?? {}));
    } finally {
      await connection.close();
    }
  });
  return address;
}

async function startDatabase(): Promise<string> {
  if (config.database.url) return config.database.url;
  const postgres = await startEmbeddedPostgres({
    directory: join(config.dataDir, 'postgres'),
    port: config.database.embeddedPort,
    database: 'improvement',
    onLog: (line) => logger.debug({ process: 'postgres' }, line),
  });
  cleanups.push(() => postgres.stop());
  return postgres.url;
}

/** The worker or the gateway, from `npm run build`'s output, as the images run them. */
function runNode(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawnChild(name, process.execPath, compiledEntryPoint(entry), env);
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping: gateway, worker (draining), then Temporal and PostgreSQL');
  // Gateway and worker first (the worker drains its running tasks), then the servers.
  const apps = children.filter((child) => child.name === 'gateway' || child.name === 'worker');
  for (const { process: child } of apps) child.kill('SIGTERM');
  await Promise.all(
    apps.map(({ process: child }) => waitForExit(child, config.worker.shutdownGraceMs + 10_000)),
  );
  for (const child of children.filter((c) => !apps.includes(c))) child.process.kill('SIGTERM');
  for (const cleanup of cleanups.reverse())
    await cleanup().catch((error: unknown) => logger.warn({ error }, 'cleanup'));
  logger.info('stopped');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const [temporalAddress, databaseUrl] = await Promise.all([startTemporal(), startDatabase()]);
  const database = { ...config.database, url: databaseUrl, applicationName: 'cio-migrate' };
  const applied = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ applied }, 'register migrated');

  const env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl };
  runNode('worker', 'apps/worker/src/main.ts', env);
  runNode('gateway', 'apps/gateway/src/main.ts', env);
  const gateway = `http://${config.gateway.host}:${config.gateway.port}`;
  await waitUntil('the gateway', async () => (await fetch(`${gateway}/health/ready`)).ok, 120_000);

  const lines = [
    'The continual improvement orchestrator is running:',
    `  Gateway      ${gateway}`,
    `  API docs     ${gateway}/docs  (OpenAPI: ${gateway}/openapi.json)`,
    config.temporal.address
      ? `  Temporal     ${temporalAddress} (existing cluster)`
      : `  Temporal UI  http://127.0.0.1:${config.temporal.uiPort}  (gRPC ${temporalAddress})`,
    `  PostgreSQL   ${config.database.url ? 'DATABASE_URL' : `embedded, data in ${join(config.dataDir, 'postgres')}`}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  logger.fatal(
    { err: error instanceof Error ? error : new Error(String(error)) },
    'the system failed to start',
  );
  void shutdown(1);
});
