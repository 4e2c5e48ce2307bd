// A real OpenID provider (the npm `oidc-provider` package) for the sign-in suites, as its own
// process: `node tests/support/oidc-provider.mjs` with OIDC_PORT, OIDC_REDIRECT_URI, OIDC_RESOURCE
// and OIDC_ACCOUNTS (JSON: { id: { name, email, roles, departments, password } }). Clients:
// `cio-web` (public, authorization code with PKCE) and `cio-tool` (client credentials, its own
// roles as account `cio-tool`). Access tokens for OIDC_RESOURCE are JWTs carrying the person's
// roles and departments, as the gateway expects them.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const resource = process.env.OIDC_RESOURCE;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'cio-web',
      token_endpoint_auth_method: 'none',
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    {
      client_id: 'cio-tool',
      client_secret: 'tool-secret-that-is-long-enough',
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
  ],
  claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
  findAccount: (_ctx, id) =>
    accounts[id]
      ? { accountId: id, claims: () => ({ sub: id, name: accounts[id].name, email: accounts[id].email }) }
      : undefined,
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      // Tokens are for the API the client names: the gateway's, or another one.
      getResourceServerInfo: (_ctx, resourceIndicator) => ({
        scope: 'openid profile email',
        audience: resourceIndicator,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  // The person's roles and departments in their access token (the tool's: its own account's).
  extraTokenClaims: (_ctx, token) => {
    const account = accounts[token.accountId ?? token.clientId];
    return account
      ? {
          roles: account.roles,
          departments: account.departments,
          ...(token.accountId ? {} : { sub: token.clientId }),
        }
      : {};
  },
  // Every grant the person is asked for is granted: the consent page would only slow the suites.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile email');
    if (resource) grant.addResourceScope(resource, 'openid profile email');
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
  clientBasedCORS: () => true,
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 120,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
});
provider.proxy = false;
const server = provider.listen(port, '127.0.0.1', () =>
  process.stdout.write(`oidc-provider listening at ${issuer}\n`),
);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
