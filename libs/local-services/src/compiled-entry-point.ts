import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';

let builtByThisProcess = false;

/**
 * The Node arguments that run one of the system's entry points (`apps/gateway/src/main.ts`) as
 * `npm start` and the images run it: compiled by `npm run build` into dist/node, which the first
 * call in a process brings up to date (a no-op when the sources have not changed); restarts reuse it.
 */
export function compiledEntryPoint(entry: string): string[] {
  if (!builtByThisProcess) {
    const build = spawnSync(process.execPath, [join(workspaceRoot, 'scripts/build.mjs')], {
      cwd: workspaceRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) {
      throw new Error(
        `npm run build failed (${build.error?.message ?? `exit ${build.status}`}):\n${build.stderr}`,
      );
    }
    builtByThisProcess = true;
  }
  const compiled = join(workspaceRoot, 'dist/node', entry.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) throw new Error(`${entry} is not among the sources npm run build compiles`);
  return ['--enable-source-maps', compiled];
}
