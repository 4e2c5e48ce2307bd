import { type AppConfig, loadConfig } from '@cio/config';
import { connectToTestServer } from '@cio/testing';
import { type GatewayProcess, startGatewayProcess } from './gateway-process';
import { type InitiativeHarness, startInitiativeHarness } from './initiative-harness';

export type { ApiResponse } from './gateway-process';

export interface GatewayHarness extends InitiativeHarness {
  gatewayConfig: AppConfig;
  baseUrl: string;
  /** The gateway's own output (JSON log lines), for assertions on logs. */
  output(): string;
  token: GatewayProcess['token'];
  /** fetch against the gateway with a caller's token (or none) and a JSON body. */
  call: GatewayProcess['call'];
  /** Stops (SIGTERM) and starts the gateway process again (same port and configuration). */
  restartGateway(): Promise<void>;
  /** Crashes the gateway process (SIGKILL by default); restartGateway() starts it again. */
  killGateway(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The real dev server and the worker (initiative harness), plus the gateway as its own process
 * (`apps/gateway/src/main.ts`, as `npm start` runs it) on a free port.
 */
export async function startGatewayHarness(
  name: string,
  env: Record<string, string> = {},
): Promise<GatewayHarness> {
  // The worker shares the gateway's data sources (and so its collection settings).
  const workerEnv = Object.fromEntries(
    Object.entries(env).filter(([key]) => /^DATA_|^DATA_SOURCE/.test(key)),
  );
  const harness = await startInitiativeHarness(connectToTestServer, name, workerEnv);
  let gateway: GatewayProcess;
  try {
    gateway = await startGatewayProcess(name, {
      TEMPORAL_TASK_QUEUE: harness.config.temporal.taskQueue,
      TEMPORAL_ADDRESS: loadConfig().test.temporalAddress ?? '',
      DATABASE_URL: harness.databaseUrl,
      ...env,
    });
  } catch (error) {
    await harness.stop();
    throw error;
  }
  return {
    ...harness,
    gatewayConfig: gateway.config,
    baseUrl: gateway.baseUrl,
    output: () => gateway.process.output(),
    token: gateway.token,
    call: gateway.call,
    async restartGateway() {
      await gateway.process.stop();
      await gateway.process.start();
    },
    killGateway: (signal = 'SIGKILL') => gateway.process.kill(signal),
    async stop() {
      await gateway.process.stop();
      // The gateway's JSON log, kept (git-ignored) for reading after a failure.
      gateway.process.saveLog();
      await harness.stop();
    },
  };
}
