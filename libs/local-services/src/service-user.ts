import { spawnSync } from 'node:child_process';

/** The unprivileged system account the embedded PostgreSQL runs as when we are root. */
export interface ServiceUser {
  name: string;
  uid: number;
  gid: number;
}

const NAME = 'postgres';

function lookUp(name: string): ServiceUser | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function mustRun(command: string, args: string[]): void {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  if (run.status !== 0) {
    const reason = run.error?.message ?? run.stderr.trim();
    throw new Error(`could not create the ${NAME} system user (${command}: ${reason})`);
  }
}

/**
 * PostgreSQL refuses to run as root. As root, the `postgres` system user (created with its group
 * when missing); otherwise undefined: the server runs as we do.
 */
export function serviceUser(): ServiceUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookUp(NAME);
  if (existing) return existing;
  if (spawnSync('getent', ['group', NAME]).status !== 0) mustRun('groupadd', ['--system', NAME]);
  mustRun('useradd', [
    ...['--system', '--gid', NAME, '--no-create-home', '--home-dir', '/nonexistent'],
    ...['--shell', '/usr/sbin/nologin', NAME],
  ]);
  const created = lookUp(NAME);
  if (!created) throw new Error(`created the ${NAME} system user, but cannot find it`);
  return created;
}

/**
 * Whether `user` can get to every one of `paths` (search permission on each folder on the way and
 * on the path itself), asked of the kernel as that user, so ACLs and mounts count too.
 */
export function canReach(user: ServiceUser, paths: string[]): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'for path do test -x "$path" || exit 1; done', 'sh', ...paths], {
    uid: user.uid,
    gid: user.gid,
    cwd: '/',
    stdio: 'ignore',
  });
  if (probe.error)
    throw new Error(`could not check what the ${user.name} user can reach: ${probe.error.message}`);
  return probe.status === 0;
}
