import { eventually, freePort } from '@cio/testing';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';
import { oidcProvider, type OidcProviderProcess } from '../support/oidc-provider-process';

// With an OpenID provider configured, the gateway verifies the provider's access tokens with the
// keys its discovery document names: a real `oidc-provider`, no mock. (The web app's sign-in
// through it, with PKCE, is in tests/web/browser.)
describe('tokens from an OpenID provider', () => {
  let provider: OidcProviderProcess;
  let gw: GatewayHarness;

  beforeAll(async () => {
    const gatewayPort = await freePort();
    provider = await oidcProvider({
      redirectUri: `http://127.0.0.1:${gatewayPort}/app/callback`,
      accounts: { 'cio-tool': { roles: ['tool'], departments: ['customer-service'] } },
    });
    // The gateway starts before the provider: it must not need it to start.
    gw = await startGatewayHarness('oidc-tokens', {
      GATEWAY_PORT: String(gatewayPort),
      AUTH_OIDC_ISSUER: provider.issuer,
      AUTH_OIDC_CLIENT_ID: 'cio-web',
      AUTH_OIDC_RESOURCE: provider.resource,
      AUTH_AUDIENCE: provider.resource,
    });
  });
  afterAll(async () => {
    await provider?.stop();
    await gw?.stop();
  });

  it('answers 503 while the provider cannot be reached, then verifies its tokens once it can', async () => {
    const before = await gw.call('GET', '/me/work', { token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' });
    expect([before.status, before.body.code]).toEqual([503, 'IDENTITY_PROVIDER_UNAVAILABLE']);
    // Asked again at once, it answers 503 without asking the provider (a short cooldown).
    const again = await gw.call('GET', '/me/work', { token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' });
    expect([again.status, again.body.message]).toEqual([503, before.body.message]);
    await provider.start();
    const token = await provider.toolToken();
    await eventually(async () => {
      const work = await gw.call('GET', '/me/work', { token });
      expect([work.status, work.body]).toEqual([200, { items: [] }]);
    }, 15_000);
  });

  it('tells the web app how to sign in, and offers no development tokens', async () => {
    expect((await gw.call('GET', '/auth/config')).body).toEqual(
      expect.objectContaining({
        signIn: 'oidc',
        personas: [],
        oidc: {
          issuer: provider.issuer,
          clientId: 'cio-web',
          scopes: 'openid profile email',
          resource: provider.resource,
        },
      }),
    );
    expect((await gw.call('POST', '/auth/dev-tokens', { body: { sub: 'x' } })).status).toBe(404);
  });

  it('refuses a token for another API, and one signed with the development secret', async () => {
    const elsewhere = await gw.call('GET', '/me/work', {
      token: await provider.toolToken('urn:another:api'),
    });
    expect([elsewhere.status, elsewhere.body.message]).toEqual([401, expect.stringMatching(/aud/)]);
    const minted = await gw.token({ sub: 'mallory', roles: ['admin'], departments: [] });
    const forged = await gw.call('GET', '/me/work', { token: minted });
    expect([forged.status, forged.body.message]).toEqual([401, expect.stringMatching(/algorithm/)]);
  });
});
