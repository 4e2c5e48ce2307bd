import { type NativeConnection, Worker } from '@temporalio/worker';
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
    ...(worker.workflowBundlePath
      ? { workflowBundle: { codePath: worker.workflowBundlePath } }
      : {
          workflowsPath: workflowBundleOptions.workflowsPath,
          bundlerOptions: { webpackConfigHook: workflowBundleOptions.webpackConfigHook },
        }),
    shutdownGraceTime: worker.shutdownGraceMs,
    ...(worker.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: worker.maxCachedWorkflows } : {}),
  });
}
