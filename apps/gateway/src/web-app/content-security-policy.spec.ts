import { providerOrigins, webAppPolicy } from './content-security-policy';

describe("the web app's content security policy", () => {
  const directive = (policy: string, name: string) =>
    policy.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows this gateway only without a provider', () => {
    const policy = webAppPolicy({ auth: { oidc: undefined } } as never);
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
  });

  it("allows the provider's issuer, and its endpoints served from other origins", () => {
    const endpoints = providerOrigins({
      issuer: 'https://accounts.example',
      authorization_endpoint: 'https://accounts.example/o/oauth2/v2/auth',
      token_endpoint: 'https://oauth2.example-apis.com/token',
      userinfo_endpoint: 'https://openidconnect.example-apis.com/v1/userinfo',
      end_session_endpoint: 'javascript:alert(1)',
      jwks_uri: 'https://keys.example/certs',
    });
    expect(endpoints).toEqual([
      'https://accounts.example',
      'https://oauth2.example-apis.com',
      'https://openidconnect.example-apis.com',
    ]);
    const policy = webAppPolicy(
      { auth: { oidc: { issuer: 'https://accounts.example/' } } } as never,
      endpoints,
    );
    expect(directive(policy, 'connect-src')).toBe(
      "connect-src 'self' https://accounts.example https://oauth2.example-apis.com https://openidconnect.example-apis.com",
    );
    expect(directive(policy, 'form-action')).toContain('https://oauth2.example-apis.com');
  });
});
