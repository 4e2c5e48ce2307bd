import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process';

// The gateway serves the web app and tells it how to sign in, without Temporal or PostgreSQL
// (their connections are lazy): a built app stands in as a page and one hashed asset.
const LAZY = { TEMPORAL_ADDRESS: '127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

describe('the web app, served under /app/', () => {
  let dist: string;
  let dev: GatewayProcess;
  let production: GatewayProcess;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'cio-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>CIO</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-3f2a9c1b.js'), 'console.log("app")');
    // A script large enough to be worth compressing (the threshold is 1 KB).
    writeFileSync(
      join(dist, 'assets', 'vendor-9d8e7f6a.js'),
      `export const words = ${JSON.stringify('word '.repeat(2_000))};`,
    );
    [dev, production] = await Promise.all([
      startGatewayProcess('web-dev', { ...LAZY, NODE_ENV: 'development', WEB_DIST_DIR: dist }),
      startGatewayProcess('web-production', {
        ...LAZY,
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'a-production-secret-that-is-long-enough-42',
        WEB_DIST_DIR: join(dist, 'nothing-built'),
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([dev?.process.stop(), production?.process.stop()]);
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers every page of the app with its one page, never cached, under a strict policy', async () => {
    for (const path of ['/app/', '/app/initiatives/cut-response-time', '/app/register?phase=Planning']) {
      const page = await dev.call('GET', path);
      expect([path, page.status, page.body]).toEqual([path, 200, expect.stringContaining('<div id="root">')]);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-inline');
    }
    expect((await dev.call('GET', '/')).status).toBe(200); // fetch follows the redirect to /app/
  });

  it('caches hashed assets for a year, compresses them, and answers a missing one with 404', async () => {
    const asset = await dev.call('GET', '/app/assets/index-3f2a9c1b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    // Sent gzip-compressed to a browser that takes it (fetch does, and unpacks it).
    const vendor = await dev.call('GET', '/app/assets/vendor-9d8e7f6a.js');
    expect([vendor.status, vendor.headers.get('content-encoding')]).toEqual([200, 'gzip']);
    const missing = await dev.call('GET', '/app/assets/gone-00000000.js');
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('says how to build the app when it is not built', async () => {
    const page = await production.call('GET', '/app/');
    expect([page.status, page.body.code]).toEqual([503, 'WEB_APP_NOT_BUILT']);
    expect(page.body.message).toMatch(/npm run build:web/);
  });

  it('offers the development sign-in in development only', async () => {
    const config = await dev.call('GET', '/auth/config');
    expect(config.body).toEqual(
      expect.objectContaining({
        signIn: 'development',
        oidc: null,
        personas: expect.arrayContaining([
          expect.objectContaining({ sub: 'maria', roles: ['improvement-manager'] }),
        ]),
      }),
    );
    const minted = await dev.call('POST', '/auth/dev-tokens', {
      body: { sub: 'li', roles: ['cs-lead'], departments: ['customer-service'] },
    });
    expect(minted.status).toBe(201);
    // The token is the gateway's own: /auth/config is public, but the register needs it.
    expect((await dev.call('GET', '/initiatives', { token: minted.body.token })).status).not.toBe(401);

    expect((await production.call('GET', '/auth/config')).body).toEqual(
      expect.objectContaining({ signIn: 'token', personas: [], oidc: null }),
    );
    const refused = await production.call('POST', '/auth/dev-tokens', {
      body: { sub: 'mallory', roles: ['admin'] },
    });
    expect(refused.status).toBe(404);
  });

  it('serves the API contract that apps/gateway/openapi.json commits (npm run openapi rewrites it)', async () => {
    const served = (await dev.call('GET', '/openapi.json')).body;
    const committed = JSON.parse(
      readFileSync(join(workspaceRoot, 'apps/gateway/openapi.json'), 'utf8'),
    ) as unknown;
    expect(served).toEqual(committed);
  });
});
