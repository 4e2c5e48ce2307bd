import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePort } from '@cio/testing';
import { workflowBundleOptions } from '@cio/worker';
import { type EntryPointProcess, entryPointProcess } from './entry-point';

const ignore = () => undefined;
const quietBundler = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore, log: ignore };

/**
 * The workflow bundle, built once per test system (as `npm run build:workflows` does), so that a
 * worker restarted after a crash polls within a second or two instead of bundling again. It lives
 * in the system's temporary directory (not the workspace, which ESLint reads) until `remove()`.
 */
export async function buildWorkflowBundle(): Promise<{ path: string; remove(): void }> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions, logger: quietBundler });
  const directory = mkdtempSync(join(tmpdir(), 'cio-workflow-bundle-'));
  const path = join(directory, 'workflow-bundle.js');
  writeFileSync(path, code);
  return { path, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/**
 * The production worker (`apps/worker/src/main.ts`) as its own OS process, so a test can kill -9 it;
 * not started yet. Its Prometheus endpoint gets a free port.
 */
export async function workerProcess(options: {
  name: string;
  temporalAddress: string;
  databaseUrl: string;
  taskQueue: string;
  /** A prebuilt workflow bundle (buildWorkflowBundle). */
  bundlePath: string;
  env?: Record<string, string>;
}): Promise<EntryPointProcess> {
  return entryPointProcess({
    name: `worker-${options.name}`,
    entry: 'apps/worker/src/main.ts',
    env: {
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      DATABASE_URL: options.databaseUrl,
      WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      WORKFLOW_BUNDLE_PATH: options.bundlePath,
      LOG_LEVEL: 'info',
      // A stopping worker drains for this long: the tests' activities take milliseconds.
      WORKER_SHUTDOWN_GRACE_MS: '2000',
      ...options.env,
    },
    ready: (output) => {
      if (!output.includes('"worker polling"')) throw new Error('worker not polling yet');
    },
  });
}
