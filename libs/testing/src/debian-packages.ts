import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A program from a Debian package, installed with apt-get when missing (as root; never a
 * download from elsewhere). Throws with the reason when it cannot be, so the suite fails clearly.
 */
export function ensureDebianProgram(path: string, pkg: string): string {
  if (existsSync(path)) return path;
  if (process.getuid?.() !== 0) {
    throw new Error(`${path} is missing: install Debian's ${pkg} package (apt-get install ${pkg})`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed: ${run.stderr || run.error?.message}`);
  }
  if (!existsSync(path)) throw new Error(`apt-get installed ${pkg}, but ${path} is missing`);
  return path;
}
