import { readClaims } from './claims';
import { authorizationUrl } from './oidc';
import { safeReturnTo } from './return-to';
import { session } from './session';

const base64url = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
const jwt = (claims: object) => `${base64url({ alg: 'HS256' })}.${base64url(claims)}.signature`;

describe('signing in', () => {
  it('reads who the token names (the gateway verifies it; the app only shows it)', () => {
    expect(
      readClaims(
        jwt({
          sub: 'li',
          name: 'Li 李',
          roles: ['cs-lead'],
          departments: ['customer-service'],
          exp: 2_000_000_000,
        }),
      ),
    ).toEqual({
      sub: 'li',
      name: 'Li 李',
      roles: ['cs-lead'],
      departments: ['customer-service'],
      expiresAt: 2_000_000_000_000,
    });
    expect(readClaims(jwt({ name: 'nobody' }))).toBeNull();
    expect(readClaims('not-a-token')).toBeNull();
  });

  it('asks the provider for a code with PKCE (S256), state, nonce and the resource', () => {
    const url = new URL(
      authorizationUrl(
        'https://id.example.com/auth',
        {
          issuer: 'https://id.example.com',
          clientId: 'cio-web',
          scopes: 'openid profile',
          resource: 'https://api.example.com',
        },
        {
          codeChallenge: 'challenge',
          state: 'state-1',
          nonce: 'nonce-1',
          redirectUri: 'https://cio.example.com/app/callback',
        },
      ),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cio-web',
      redirect_uri: 'https://cio.example.com/app/callback',
      scope: 'openid profile',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
      state: 'state-1',
      nonce: 'nonce-1',
      resource: 'https://api.example.com',
    });
    const without = authorizationUrl(
      'https://id.example.com/auth',
      { issuer: 'https://id.example.com', clientId: 'cio-web', scopes: 'openid', resource: null },
      { codeChallenge: 'c', state: 's', nonce: 'n', redirectUri: 'https://cio.example.com/app/callback' },
    );
    expect(new URL(without).searchParams.has('resource')).toBe(false);
  });

  it('returns only to a page of this app', () => {
    expect(safeReturnTo('/initiatives/cut-response-time?x=1')).toBe('/initiatives/cut-response-time?x=1');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil', '/sign-in', undefined]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });

  it('keeps the session in this tab only, and says why it ended', () => {
    const listener = jest.fn();
    const stop = session.subscribe(listener);
    session.start({
      token: 't',
      via: 'token',
      expiresAt: null,
      person: { sub: 'li', name: null, roles: [], departments: [] },
    });
    expect(JSON.parse(sessionStorage.getItem('cio.session') ?? '{}').token).toBe('t');
    expect(localStorage.length).toBe(0);
    session.end('signed-out');
    expect(sessionStorage.getItem('cio.session')).toBeNull();
    expect(session.takeEndReason()).toBe('signed-out');
    expect(session.takeEndReason()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
  });
});
