import { type ChildProcess, spawn, spawnSync, type StdioOptions } from 'node:child_process';
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

/**
 * Starts one of the system's TypeScript entry points (the gateway, the worker, a benchmark's
 * worker) as its own Node process: compiled on the fly by default, or from `npm run build`'s
 * output (`compiled`) as `npm start` and the images run the gateway and the worker.
 */
export function spawnEntryPoint(
  entry: string,
  options: { env?: Record<string, string>; args?: string[]; stdio?: StdioOptions; compiled?: boolean } = {},
): ChildProcess {
  const command = options.compiled
    ? compiledEntryPoint(entry)
    : ['-r', '@swc-node/register', join(workspaceRoot, entry)];
  return spawn(process.execPath, [...command, ...(options.args ?? [])], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      ...options.env,
      ...(options.compiled ? {} : { SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json') }),
    },
    stdio: options.stdio ?? 'ignore',
  });
}

/** SIGTERM to a process started by spawnEntryPoint, then waits until it has exited. */
export async function stopEntryPoint(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
