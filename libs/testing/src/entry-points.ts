import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';

/**
 * Starts one of the system's TypeScript entry points (the gateway, the worker, a benchmark's
 * worker) as its own Node process, compiled on the fly as `npm start` runs them.
 */
export function spawnEntryPoint(
  entry: string,
  options: { env?: Record<string, string>; args?: string[]; stdio?: StdioOptions } = {},
): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(workspaceRoot, entry), ...(options.args ?? [])],
    {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        ...options.env,
        SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json'),
      },
      stdio: options.stdio ?? 'ignore',
    },
  );
}

/** SIGTERM to a process started by spawnEntryPoint, then waits until it has exited. */
export async function stopEntryPoint(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
