import { type AppConfig, loadConfig } from '@cio/config';
import { freePort, issueToken, type TokenClaims } from '@cio/testing';
import { type EntryPointProcess, entryPointProcess } from './entry-point';

export interface ApiResponse {
  status: number;
  // The tests read the JSON bodies field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Gives up (the fetch rejects) after this long. */
  timeoutMs?: number;
}

export interface GatewayProcess {
  config: AppConfig;
  baseUrl: string;
  process: EntryPointProcess;
  token(claims: TokenClaims, options?: Parameters<typeof issueToken>[2]): Promise<string>;
  /** fetch against the gateway with a caller's token (or none) and a JSON body. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
}

/**
 * The gateway (`apps/gateway/src/main.ts`, as `npm start` runs it) as its own process on a free
 * port, started and answering /health/live.
 */
export async function startGatewayProcess(
  name: string,
  env: Record<string, string>,
): Promise<GatewayProcess> {
  const port = env.GATEWAY_PORT ? Number(env.GATEWAY_PORT) : await freePort();
  const gatewayEnv: Record<string, string> = { GATEWAY_PORT: String(port), LOG_LEVEL: 'info', ...env };
  const config = loadConfig(gatewayEnv);
  const baseUrl = `http://127.0.0.1:${port}`;
  const gatewayProcess = entryPointProcess({
    name: `gateway-${name}`,
    entry: 'apps/gateway/src/main.ts',
    env: gatewayEnv,
    ready: async () => {
      const response = await fetch(`${baseUrl}/health/live`);
      if (response.status !== 200) throw new Error(`gateway answers /health/live with ${response.status}`);
    },
  });
  await gatewayProcess.start();
  return {
    config,
    baseUrl,
    process: gatewayProcess,
    token: (claims, options) => issueToken(config, claims, options),
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
        ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
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
  };
}
