import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';
import { spawnEntryPoint } from '@cio/testing';

/** One of the system's processes (gateway, worker), run from `npm run build`'s output. */
export interface EntryPointProcess {
  /** Everything it wrote to stdout and stderr (JSON log lines), across restarts. */
  output(): string;
  /** Starts it (again), resolving once `ready` passes on what this start has written. */
  start(): Promise<void>;
  /** Sends a signal without waiting for a clean exit: SIGKILL is a crash. Resolves once it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (SIGKILL if still running after 15 s), then waits until it has exited. */
  stop(): Promise<void>;
  /** Writes the output to tmp/logs/<name>.log (git-ignored) for reading after a failure. */
  saveLog(): void;
}

/**
 * Runs `entry` (e.g. apps/worker/src/main.ts), compiled, in its own Node process, as `npm start`
 * and the images do, so a test can crash it with SIGKILL. Not started yet: `start()` retries
 * `ready` until it passes, and fails at once when the process exits first.
 */
export function entryPointProcess(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  ready: (output: string) => Promise<void> | void;
  readyTimeoutMs?: number;
}): EntryPointProcess {
  let child: ChildProcess | undefined;
  let output = '';
  const running = () => !!child && child.exitCode === null && child.signalCode === null;

  async function kill(signal: NodeJS.Signals = 'SIGTERM') {
    const target = child;
    if (!target || !running()) return;
    const exited = new Promise((resolve) => target.once('exit', resolve));
    target.kill(signal);
    const stubborn = setTimeout(() => target.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(stubborn);
  }

  return {
    output: () => output,
    async start() {
      if (running()) throw new Error(`${options.name} is already running`);
      const started = spawnEntryPoint(options.entry, {
        compiled: true,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      const from = output.length;
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
      for (;;) {
        if (!running()) throw new Error(`${options.name} exited at start:\n${output.slice(from)}`);
        try {
          await options.ready(output.slice(from));
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            await kill('SIGKILL');
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    kill,
    stop: () => kill('SIGTERM'),
    saveLog() {
      mkdirSync(join(workspaceRoot, 'tmp/logs'), { recursive: true });
      writeFileSync(join(workspaceRoot, `tmp/logs/${options.name}.log`), output);
    },
  };
}
