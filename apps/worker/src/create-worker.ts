import {
  bundleWorkflowCode,
  type Logger as SdkLogger,
  type LogMetadata,
  type NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import type { AppConfig, Logger } from '@cio/config';
import { heartbeatWhileRunning } from './activity-heartbeats';
import { workflowBundleOptions } from './workflow-bundle';

export interface CreateWorkerOptions {
  connection: NativeConnection;
  config: Pick<AppConfig, 'temporal' | 'worker'>;
  activities: object;
  logger?: Logger;
}

/**
 * The bundler's messages at debug: webpack's report lists every module of the bundle, which is
 * no news at `info`. Its warnings and errors stay what they are.
 */
function quietBundler(sdk: SdkLogger): SdkLogger {
  const debug = (message: string, meta?: LogMetadata) => sdk.debug(message, meta);
  return {
    log: (level, message, meta) =>
      level === 'WARN' || level === 'ERROR' ? sdk.log(level, message, meta) : debug(message, meta),
    trace: debug,
    debug,
    info: debug,
    warn: (message, meta) => sdk.warn(message, meta),
    error: (message, meta) => sdk.error(message, meta),
  };
}

/** The workflow code: the prebuilt bundle when configured, else bundled from source here. */
async function workflowCode(
  worker: CreateWorkerOptions['config']['worker'],
  logger: Logger | undefined,
): Promise<NonNullable<WorkerOptions['workflowBundle']>> {
  if (worker.workflowBundlePath) return { codePath: worker.workflowBundlePath };
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions,
    logger: quietBundler(Runtime.instance().logger),
  });
  logger?.info(
    { sizeKiB: Math.round(code.length / 1024), durationMs: Date.now() - started },
    'workflow bundle built from source',
  );
  return { code };
}

/**
 * The initiative worker. In production it loads the prebuilt workflow bundle
 * (`WORKFLOW_BUNDLE_PATH`, made by `npm run build:workflows`); otherwise it bundles from source.
 */
export async function createInitiativeWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { temporal, worker } = options.config;
  return Worker.create({
    connection: options.connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    activities: options.activities,
    interceptors: { activity: [heartbeatWhileRunning] },
    workflowBundle: await workflowCode(worker, options.logger),
    shutdownGraceTime: worker.shutdownGraceMs,
    ...(worker.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: worker.maxCachedWorkflows } : {}),
  });
}
