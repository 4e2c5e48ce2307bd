import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppConfig, loadConfig, workspaceRoot } from '@cio/config';
import { connectToTestServer, eventually, freePort, issueToken, type TokenClaims } from '@cio/testing';
import { type InitiativeHarness, startInitiativeHarness } from './initiative-harness';

export interface ApiResponse {
  status: number;
  // The tests read the JSON bodies field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface GatewayHarness extends InitiativeHarness {
  gatewayConfig: AppConfig;
  baseUrl: string;
  /** The gateway's own output (JSON log lines), for assertions on logs. */
  output(): string;
  token(claims: TokenClaims, options?: Parameters<typeof issueToken>[2]): Promise<string>;
  /** fetch against the gateway with a caller's token (or none) and a JSON body. */
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  /** Stops and starts the gateway process again (same port and configuration). */
  restartGateway(): Promise<void>;
}

/**
 * The real dev server and the worker (initiative harness), plus the gateway as its own process
 * (`apps/gateway/src/main.ts`, as `npm start` runs it) on a free port.
 */
export async function startGatewayHarness(
  name: string,
  env: Record<string, string> = {},
): Promise<GatewayHarness> {
  const harness = await startInitiativeHarness(connectToTestServer, name);
  const port = await freePort();
  const gatewayEnv: Record<string, string> = {
    TEMPORAL_TASK_QUEUE: harness.config.temporal.taskQueue,
    TEMPORAL_ADDRESS: loadConfig().test.temporalAddress ?? '',
    DATABASE_URL: harness.databaseUrl,
    GATEWAY_PORT: String(port),
    LOG_LEVEL: 'info',
    ...env,
  };
  const gatewayConfig = loadConfig(gatewayEnv);
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  async function startGateway() {
    child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(workspaceRoot, 'apps/gateway/src/main.ts')],
      {
        cwd: workspaceRoot,
        env: {
          ...process.env,
          ...gatewayEnv,
          SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => {
      if (child?.exitCode !== null) throw new Error(`gateway exited: ${output}`);
      const response = await fetch(`${baseUrl}/health/live`);
      expect(response.status).toBe(200);
    }, 60_000);
  }

  async function stopGateway() {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }

  try {
    await startGateway();
  } catch (error) {
    await stopGateway();
    await harness.stop();
    throw error;
  }
  return {
    ...harness,
    gatewayConfig,
    baseUrl,
    output: () => output,
    token: (claims, options) => issueToken(gatewayConfig, claims, options),
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      } else if (body !== undefined) {
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: the text itself
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async restartGateway() {
      await stopGateway();
      await startGateway();
    },
    async stop() {
      await stopGateway();
      // The gateway's JSON log, kept (git-ignored) for reading after a failure.
      mkdirSync(join(workspaceRoot, 'tmp/logs'), { recursive: true });
      writeFileSync(join(workspaceRoot, `tmp/logs/gateway-${name}.log`), output);
      await harness.stop();
    },
  };
}
