import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '@cio/config';
import { GatewayError } from '../errors/gateway-error';
import { providerOrigins, webAppPolicy } from './content-security-policy';

/** Where the web app lives, and the one page every deep link under it answers with. */
export const WEB_APP_PATH = '/app';

/** Hashed assets never change under their name: a year, immutable. */
const ASSET_MAX_AGE = '365d';

/** How long the provider's discovery document may take, and how long before a failed one is retried. */
const DISCOVERY_TIMEOUT_MS = 5_000;
const DISCOVERY_RETRY_MS = 60_000;
/** How long a page waits for a discovery under way. */
const DISCOVERY_WAIT_MS = 2_000;

/**
 * Serves the built web app (`npm run build:web`) under /app/: hashed assets cached for a year,
 * every other path the app's page (so a deep link works on reload), never cached. Without a
 * build, /app/ says how to make one.
 */
export function serveWebApp(app: INestApplication, config: Pick<AppConfig, 'auth' | 'web'>): void {
  const dir = config.web.distDir;
  const page = join(dir, 'index.html');
  let policy = webAppPolicy(config);
  // The provider's endpoints, read from its discovery document as the gateway starts (and again
  // a minute after a failure). A page asked for meanwhile waits for it a moment, so that even the
  // first sign-in after a start may reach a token endpoint on another origin.
  let discovered = false;
  let attemptedAt = 0;
  let discovery: Promise<void> | undefined;
  const discover = (): Promise<void> | undefined => {
    const oidc = config.auth.oidc;
    if (!oidc || discovered) return undefined;
    if (Date.now() - attemptedAt < DISCOVERY_RETRY_MS) return discovery;
    attemptedAt = Date.now();
    const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    discovery = fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) })
      .then(async (response) => {
        if (!response.ok) throw new Error(`discovery answered ${response.status}`);
        policy = webAppPolicy(config, providerOrigins((await response.json()) as Record<string, unknown>));
        discovered = true;
      })
      .catch(() => undefined);
    return discovery;
  };
  void discover();
  const withPolicy = async (_request: Request, response: Response, next: NextFunction) => {
    const pending = discover();
    if (pending) await Promise.race([pending, delay(DISCOVERY_WAIT_MS)]);
    response.setHeader('Content-Security-Policy', policy);
    next();
  };
  app.use('/', (request: Request, response: Response, next: NextFunction) =>
    request.method === 'GET' && request.path === '/' ? response.redirect(302, `${WEB_APP_PATH}/`) : next(),
  );
  app.use(
    `${WEB_APP_PATH}/assets`,
    withPolicy,
    express.static(join(dir, 'assets'), { immutable: true, maxAge: ASSET_MAX_AGE, index: false }),
    (_request: Request, _response: Response, next: NextFunction) =>
      next(new GatewayError(404, 'NOT_FOUND', 'no such asset of the web app')),
  );
  app.use(WEB_APP_PATH, withPolicy, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!existsSync(page)) {
      return next(
        new GatewayError(
          503,
          'WEB_APP_NOT_BUILT',
          'the web app is not built: run npm run build:web (npm start does)',
        ),
      );
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(page);
  });
}
