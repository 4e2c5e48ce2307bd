import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';

/**
 * Starts one of the system's TypeScript entry points (the gateway, the worker) as its own
 * process, as `npm start` does, so that a benchmark's client never shares an event loop with it.
 */
export function spawnEntryPoint(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', join(workspaceRoot, entry)], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json') },
    stdio: 'ignore',
  });
}

/** Stops a process started by spawnEntryPoint and waits until it has exited. */
export async function stopEntryPoint(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
