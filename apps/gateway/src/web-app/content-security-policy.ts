import type { AppConfig } from '@cio/config';

/** The endpoints of a discovery document the web app calls or is sent to. */
const PROVIDER_ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'end_session_endpoint',
  'revocation_endpoint',
] as const;

/** The origins of a discovery document's endpoints (a provider may serve its tokens elsewhere). */
export function providerOrigins(document: Record<string, unknown>): string[] {
  return PROVIDER_ENDPOINTS.flatMap((name) => {
    const value = document[name];
    if (typeof value !== 'string') return [];
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? [url.origin] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The web app's Content-Security-Policy: its own scripts and styles only (no inline code), data
 * from this gateway, and for sign-in the OpenID provider: its issuer's origin, and the origins of
 * the endpoints its discovery document names when they are elsewhere (`endpoints`).
 */
export function webAppPolicy(config: Pick<AppConfig, 'auth'>, endpoints: readonly string[] = []): string {
  const issuer = config.auth.oidc ? [new URL(config.auth.oidc.issuer).origin] : [];
  const provider = [...new Set([...issuer, ...endpoints])].map((origin) => ` ${origin}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${provider}`,
    `form-action 'self'${provider}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
