import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';
import { compiledEntryPoint } from '@cio/local-services';

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
