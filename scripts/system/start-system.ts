// `npm start`: the whole system on embedded defaults. Starts (unless told to use existing ones)
// the Temporal dev server and an embedded PostgreSQL, migrates the register, then runs the worker
// and the gateway, compiled by `npm run build`, as child processes. Ctrl-C / SIGTERM stops
// everything in reverse order. So does any failure on the way up (an error, a program that cannot
// be spawned, a child that exits), which then ends with one line saying what failed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { createLogger, loadConfigOrExit, workspaceRoot } from '@cio/config';
import { searchAttributeCliPairs } from '@cio/contracts';
import { compiledEntryPoint, startEmbeddedPostgres } from '@cio/local-services';
import { migrateToLatest } from '@cio/persistence';
import { ensureDigestSchedule, ensureSearchAttributes } from '@cio/worker';

const TEMPORAL_STOP_TIMEOUT_MS = 15_000;
/** How long a stop waits for a start-up step under way (the embedded PostgreSQL gives up after 60 s). */
const STEP_GRACE_MS = 70_000;

const config = loadConfigOrExit();
const logger = createLogger(config, 'system');
const children: { name: string; process: ChildProcess }[] = [];
const cleanups: (() => Promise<void>)[] = [];
/** Start-up steps under way: a stop waits for them, so that nothing they start is left running. */
const inFlight: Promise<unknown>[] = [];
let stopping = false;
let running = false;
/** The first thing that went wrong: the line `npm start` ends with. */
let failure: string | undefined;

/** A start-up step that failed, worded for that last line. */
class StartUpError extends Error {}

function oneLine(text: string): string {
  const line = text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  return line.length > 600 ? `${line.slice(0, 600)}…` : line;
}

function messageOf(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** Runs one start-up step; a failure names the step. */
async function step<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  const result = Promise.resolve().then(run);
  inFlight.push(result.catch(() => undefined));
  try {
    return await result;
  } catch (error) {
    if (error instanceof StartUpError || stopping) throw error;
    throw new StartUpError(`${what}: ${messageOf(error)}`, { cause: error });
  }
}

/** Stops everything, to exit with 1; the first reason given is the one reported. */
function fail(reason: string, error?: unknown): void {
  failure ??= reason;
  // The reason says which step; the error it came from, with its stack, is the detail.
  const detail = error instanceof StartUpError ? error.cause : error;
  logger.error(detail instanceof Error ? { err: detail } : {}, reason);
  void shutdown(1);
}

/** A signal to the whole process group a child leads (it was spawned detached), not only to it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Nothing of the group is left.
  }
}

function exited(child: ChildProcess): boolean {
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child has exited (SIGKILL to its group after timeoutMs); then sweeps its group. */
function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      child.off('exit', done);
      signalGroup(child, 'SIGKILL');
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    if (exited(child)) done();
    else child.once('exit', done);
  });
}

function spawnChild(
  name: string,
  label: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  // Own process group: a terminal's Ctrl-C reaches only this launcher, which stops the children
  // in order (gateway and worker first, so the worker can drain while Temporal is still up).
  const child = spawn(command, args, {
    cwd: workspaceRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  children.push({ name, process: child });
  child.on('error', (error) => fail(`${label} could not be started: ${error.message}`, error));
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const how = code !== null ? `with code ${code}` : `on ${signal}`;
    fail(running ? `${label} exited ${how}` : `${label} exited ${how} during start-up`);
  });
  return child;
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stopping) throw new Error(`stopped while waiting for ${what}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await delay(250);
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
  const server = spawnChild('temporal', 'the Temporal dev server', temporal.cliPath, args, process.env);
  cleanups.push(() => waitForExit(server, TEMPORAL_STOP_TIMEOUT_MS));
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

/** The register's URL, and where an embedded cluster keeps its data (when it is not where asked). */
async function startDatabase(): Promise<{ url: string; keptIn?: string }> {
  if (config.database.url) return { url: config.database.url };
  const directory = join(config.dataDir, 'postgres');
  const postgresLogger = createLogger(config, 'postgres');
  const postgres = await startEmbeddedPostgres({
    directory,
    port: config.database.embeddedPort,
    database: 'improvement',
    detached: true,
    onLog: (line) => postgresLogger.debug(line),
  });
  cleanups.push(() => postgres.stop());
  postgres.process.once('exit', (code, signal) => {
    if (stopping) return;
    fail(`the embedded PostgreSQL exited ${code !== null ? `with code ${code}` : `on ${signal}`}`);
  });
  const keptIn = resolve(postgres.dataDirectory) === resolve(directory) ? undefined : postgres.dataDirectory;
  return { url: postgres.url, ...(keptIn ? { keptIn } : {}) };
}

/** `npm run build:web` as its own process; rejects with the reason it printed. */
function buildWebApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [join(workspaceRoot, 'scripts', 'build-web.mjs')], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let errors = '';
    build.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    build.once('error', reject);
    build.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(errors.trim() || `build-web exited with code ${code}`)),
    );
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(
    failure
      ? 'stopping what was started'
      : 'stopping: gateway, worker (draining), then Temporal and PostgreSQL',
  );
  // A step under way finishes or gives up first, so that what it starts is stopped too.
  await Promise.race([Promise.all(inFlight), delay(STEP_GRACE_MS)]);
  // Gateway and worker first (the worker drains its running tasks), then the servers.
  const apps = children.filter((child) => child.name === 'gateway' || child.name === 'worker');
  for (const { process: child } of apps) signalGroup(child, 'SIGTERM');
  await Promise.all(
    apps.map(({ process: child }) => waitForExit(child, config.worker.shutdownGraceMs + 10_000)),
  );
  for (const child of children.filter((c) => !apps.includes(c))) signalGroup(child.process, 'SIGTERM');
  for (const cleanup of cleanups.reverse())
    await cleanup().catch((error: unknown) => logger.warn({ err: error }, 'cleanup'));
  logger.info('stopped');
  if (failure) process.stderr.write(`npm start ${running ? 'stopped' : 'failed'}: ${failure}\n`);
  process.exit(failure ? 1 : exitCode);
}

async function main(): Promise<void> {
  const [temporalAddress, database] = await Promise.all([
    step(
      config.temporal.address
        ? `Temporal at TEMPORAL_ADDRESS (${config.temporal.address}) could not be set up`
        : 'the Temporal dev server could not start',
      startTemporal,
    ),
    step(
      config.database.url
        ? 'PostgreSQL at DATABASE_URL could not be used'
        : 'the embedded PostgreSQL could not start',
      startDatabase,
    ),
  ]);
  if (stopping) return;
  const applied = await step('the register could not be migrated', () =>
    migrateToLatest({ ...config.database, url: database.url, applicationName: 'cio-migrate' }),
  );
  if (applied.length > 0) logger.info({ applied }, 'register migrated');
  await step('the daily digest could not be scheduled', async () => {
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      await ensureDigestSchedule(connection, config, logger);
    } finally {
      await connection.close();
    }
  });

  const [worker, gateway] = await step('the worker and the gateway could not be compiled', () => [
    compiledEntryPoint('apps/worker/src/main.ts'),
    compiledEntryPoint('apps/gateway/src/main.ts'),
  ]);
  // The web app the gateway serves under /app/ (a no-op when its sources are unchanged).
  await step('the web app could not be built', buildWebApp);
  if (stopping) return;
  const env = { ...process.env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: database.url };
  spawnChild('worker', 'the worker', process.execPath, worker, env);
  spawnChild('gateway', 'the gateway', process.execPath, gateway, env);
  const url = `http://${config.gateway.host}:${config.gateway.port}`;
  await step('the gateway did not get ready', () =>
    waitUntil('the gateway', async () => (await fetch(`${url}/health/ready`)).ok, 120_000),
  );
  running = true;

  const postgres = join(config.dataDir, 'postgres');
  const lines = [
    'The continual improvement orchestrator is running:',
    `  Gateway      ${url}`,
    `  Web app      ${url}/app/`,
    `  API docs     ${url}/docs  (OpenAPI: ${url}/openapi.json)`,
    config.temporal.address
      ? `  Temporal     ${temporalAddress} (existing cluster)`
      : `  Temporal UI  http://127.0.0.1:${config.temporal.uiPort}  (gRPC ${temporalAddress})`,
    config.database.url
      ? '  PostgreSQL   DATABASE_URL'
      : `  PostgreSQL   embedded, data in ${postgres}${database.keptIn ? ` (a link to ${database.keptIn})` : ''}`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// Whatever escapes still stops what was started instead of leaving it running.
process.on('uncaughtException', (error) => fail(`unexpected error: ${messageOf(error)}`, error));
process.on('unhandledRejection', (reason) => fail(`unexpected error: ${messageOf(reason)}`, reason));

main().catch((error: unknown) => {
  if (stopping && !(error instanceof StartUpError)) return;
  fail(error instanceof StartUpError ? error.message : `unexpected error: ${messageOf(error)}`, error);
});
