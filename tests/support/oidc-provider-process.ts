import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';
import { eventually, freePort } from '@cio/testing';

export interface OidcAccount {
  name?: string;
  email?: string;
  roles: string[];
  departments: string[];
}

export interface OidcProviderProcess {
  issuer: string;
  resource: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A client-credentials access token of `cio-tool` (its roles are account `cio-tool`'s). */
  toolToken(resource?: string): Promise<string>;
}

/** The real OpenID provider of tests/support/oidc-provider.mjs, on a free port, not started yet. */
export async function oidcProvider(options: {
  redirectUri: string;
  accounts: Record<string, OidcAccount>;
  resource?: string;
}): Promise<OidcProviderProcess> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const resource = options.resource ?? 'urn:cio:gateway';
  let child: ChildProcess | undefined;
  return {
    issuer,
    resource,
    async start() {
      child = spawn(process.execPath, [join(workspaceRoot, 'tests/support/oidc-provider.mjs')], {
        env: {
          ...process.env,
          OIDC_PORT: String(port),
          OIDC_REDIRECT_URI: options.redirectUri,
          OIDC_RESOURCE: resource,
          OIDC_ACCOUNTS: JSON.stringify(options.accounts),
        },
        stdio: 'ignore',
      });
      await eventually(async () => {
        const response = await fetch(`${issuer}/.well-known/openid-configuration`);
        if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      }, 30_000);
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
    async toolToken(audience = resource) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('cio-tool:tool-secret-that-is-long-enough').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: audience, scope: 'openid' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
  };
}
