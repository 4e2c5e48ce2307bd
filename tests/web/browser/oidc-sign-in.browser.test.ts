import type { Browser } from 'playwright-core';
import { freePort, launchChromium } from '@cio/testing';
import { type GatewayHarness, startGatewayHarness } from '../../support/gateway-harness';
import { oidcProvider, type OidcProviderProcess } from '../../support/oidc-provider-process';
import { buildWebApp, openContext, screenshot, WEB_DIST_DIR, waitForText } from './browser-support';

// Signing in to the web app through a real OpenID provider (the npm `oidc-provider`, its own
// process): the authorization code flow with PKCE and `resource`, the provider's own login page,
// back to the page the person asked for, and the gateway verifying the access token with the keys
// the provider's discovery document names. No mock anywhere.
describe('signing in to the web app through an OpenID provider', () => {
  let provider: OidcProviderProcess;
  let gw: GatewayHarness;
  let browser: Browser;

  beforeAll(async () => {
    buildWebApp();
    const gatewayPort = await freePort();
    provider = await oidcProvider({
      redirectUri: `http://127.0.0.1:${gatewayPort}/app/callback`,
      accounts: {
        li: {
          name: 'Li Wei',
          email: 'li@example.test',
          roles: ['cs-lead'],
          departments: ['customer-service'],
        },
      },
    });
    await provider.start();
    gw = await startGatewayHarness('web-oidc', {
      GATEWAY_PORT: String(gatewayPort),
      WEB_DIST_DIR,
      AUTH_OIDC_ISSUER: provider.issuer,
      AUTH_OIDC_CLIENT_ID: 'cio-web',
      AUTH_OIDC_RESOURCE: provider.resource,
      AUTH_AUDIENCE: provider.resource,
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.stop();
    await provider?.stop();
  });

  it("signs Li in at the provider's login page and brings her back to the page she asked for", async () => {
    const { context, page, problems } = await openContext(browser);
    const apiStatuses: number[] = [];
    const toProvider: URL[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(`${gw.baseUrl}/me/work`)) apiStatuses.push(response.status());
    });
    page.on('request', (request) => {
      if (request.url().startsWith(provider.issuer)) toProvider.push(new URL(request.url()));
    });
    await page.goto(`${gw.baseUrl}/app/register`);
    // Not signed in: the sign-in page names the provider and offers one button.
    await waitForText(
      page,
      'main',
      `Sign in with your organisation’s account at ${new URL(provider.issuer).host}`,
    );
    await screenshot(page, 'oidc-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The provider's own page: any login with a password (its development interactions).
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('li');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    // Back in the app, on the page she asked for, as Li Wei with her roles from the access token.
    await page.waitForURL(`${gw.baseUrl}/app/register`, { timeout: 30_000 });
    await waitForText(page, 'header', 'Li Wei');
    await waitForText(page, 'main h1', 'Register');
    expect(apiStatuses.every((status) => status === 200)).toBe(true);
    await page.getByRole('link', { name: /^My work/ }).click();
    await waitForText(page, 'main', 'Nothing waits on you.');
    expect(apiStatuses).toContain(200);
    await screenshot(page, 'oidc-signed-in');

    // The authorization request carried PKCE (S256), a state, a nonce and the API as resource;
    // the code was exchanged with the same resource (no client secret: a public client).
    const authorization = toProvider.find((url) => url.searchParams.has('code_challenge'));
    expect(Object.fromEntries(authorization?.searchParams ?? [])).toEqual(
      expect.objectContaining({
        response_type: 'code',
        client_id: 'cio-web',
        redirect_uri: `${gw.baseUrl}/app/callback`,
        code_challenge_method: 'S256',
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        state: expect.stringMatching(/\S/),
        nonce: expect.stringMatching(/\S/),
        resource: provider.resource,
      }),
    );
    expect(toProvider.some((url) => url.pathname === '/token')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
