import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '@cio/config';
import { GatewayError } from '../errors/gateway-error';

/** Where the web app lives, and the one page every deep link under it answers with. */
export const WEB_APP_PATH = '/app';

/** Hashed assets never change under their name: a year, immutable. */
const ASSET_MAX_AGE = '365d';

/**
 * The web app's Content-Security-Policy: its own scripts and styles only (no inline code), data
 * from this gateway, and the OpenID provider for sign-in when one is configured.
 */
export function webAppPolicy(config: Pick<AppConfig, 'auth'>): string {
  const provider = config.auth.oidc ? new URL(config.auth.oidc.issuer).origin : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${provider ? ` ${provider}` : ''}`,
    `form-action 'self'${provider ? ` ${provider}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Serves the built web app (`npm run build:web`) under /app/: hashed assets cached for a year,
 * every other path the app's page (so a deep link works on reload), never cached. Without a
 * build, /app/ says how to make one.
 */
export function serveWebApp(app: INestApplication, config: Pick<AppConfig, 'auth' | 'web'>): void {
  const dir = config.web.distDir;
  const page = join(dir, 'index.html');
  const policy = webAppPolicy(config);
  const withPolicy = (_request: Request, response: Response, next: NextFunction) => {
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
