// Signing in through an OpenID provider: the authorization code flow with PKCE (S256), a state
// and a nonce, redirect_uri <origin>/app/callback, the configured scopes, and `resource` (RFC 8707)
// on both the authorization and the token request when the gateway names one. The access token is
// the bearer for the API; the person shown comes from its claims (and the ID token's name).
// oauth4webapi is loaded only when this flow runs, so other sign-ins never download it.
import type * as OAuth from 'oauth4webapi';
import { readClaims } from './claims';
import type { Session } from './session';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  resource: string | null;
}

/** What the callback needs from the redirect's start, kept for this tab only. */
interface PendingSignIn {
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

const PENDING_KEY = 'cio.oidc-pending';

/** Why the provider's answer could not be used; `detail` is the provider's own words, if any. */
export class OidcSignInError extends Error {
  override readonly name = 'OidcSignInError';
  constructor(
    readonly reason: 'no-pending-sign-in' | 'provider-refused' | 'failed',
    readonly detail: string | null = null,
  ) {
    super(detail ?? reason);
  }
}

export function callbackUrl(origin = window.location.origin): string {
  return `${origin}/app/callback`;
}

/** The authorization request's URL (pure, for the test). */
export function authorizationUrl(
  endpoint: string,
  settings: OidcSettings,
  request: { codeChallenge: string; state: string; nonce: string; redirectUri: string },
): string {
  const url = new URL(endpoint);
  const params: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', settings.clientId],
    ['redirect_uri', request.redirectUri],
    ['scope', settings.scopes],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', 'S256'],
    ['state', request.state],
    ['nonce', request.nonce],
  ];
  if (settings.resource) params.push(['resource', settings.resource]);
  for (const [name, value] of params) url.searchParams.set(name, value);
  return url.href;
}

async function provider(settings: OidcSettings) {
  const oauth = await import('oauth4webapi');
  const issuer = new URL(settings.issuer);
  // The gateway accepts an http issuer (a provider on the same host, in development).
  const http = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  const server = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...http, algorithm: 'oidc' }),
  );
  const client: OAuth.Client = { client_id: settings.clientId };
  return { oauth, server, client, http };
}

/** Sends the browser to the provider; the callback page finishes the sign-in. */
export async function startOidcSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  const { oauth, server } = await provider(settings);
  if (!server.authorization_endpoint) throw new OidcSignInError('failed', 'no authorization_endpoint');
  const pending: PendingSignIn = {
    state: oauth.generateRandomState(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const codeChallenge = await oauth.calculatePKCECodeChallenge(pending.codeVerifier);
  window.location.assign(
    authorizationUrl(server.authorization_endpoint, settings, {
      codeChallenge,
      state: pending.state,
      nonce: pending.nonce,
      redirectUri: callbackUrl(),
    }),
  );
}

/** Exchanges the code on /app/callback for the access token; says where the person was going. */
export async function completeOidcSignIn(
  settings: OidcSettings,
  redirect: URL,
): Promise<{ session: Session; returnTo: string }> {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!stored) throw new OidcSignInError('no-pending-sign-in');
  const pending = JSON.parse(stored) as PendingSignIn;
  const { oauth, server, client, http } = await provider(settings);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(server, client, redirect, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new OidcSignInError('provider-refused', error.error_description ?? error.error);
    }
    throw error;
  }
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    params,
    callbackUrl(),
    pending.codeVerifier,
    { ...http, ...(settings.resource ? { additionalParameters: { resource: settings.resource } } : {}) },
  );
  const result = await oauth.processAuthorizationCodeResponse(server, client, response, {
    expectedNonce: pending.nonce,
  });
  const idToken = oauth.getValidatedIdTokenClaims(result);
  const access = readClaims(result.access_token);
  const idName = [idToken?.name, idToken?.preferred_username].find((n) => typeof n === 'string');
  const sub = access?.sub ?? idToken?.sub;
  if (!sub) throw new OidcSignInError('failed', 'the tokens name no subject');
  const expiresIn = typeof result.expires_in === 'number' ? Date.now() + result.expires_in * 1000 : null;
  return {
    returnTo: pending.returnTo,
    session: {
      token: result.access_token,
      via: 'oidc',
      expiresAt: access?.expiresAt ?? expiresIn,
      person: {
        sub,
        name: access?.name ?? (typeof idName === 'string' ? idName : null),
        roles: access?.roles.length ? access.roles : stringList(idToken?.roles),
        departments: access?.departments.length ? access.departments : stringList(idToken?.departments),
      },
    },
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
