import { SignJWT } from 'jose';
import type { AppConfig } from '@cio/config';

export interface TokenClaims {
  sub: string;
  roles?: string[];
  departments?: string[];
  /** OpenID Connect's profile claims, which the people directory learns from. */
  email?: string;
  name?: string;
  locale?: string;
}

/**
 * Signs an HS256 token with the configured secret, as the gateway verifies it: for development
 * (`npm run token`) and tests.
 * Production tokens come from the identity provider.
 */
export async function issueToken(
  config: Pick<AppConfig, 'auth'>,
  claims: TokenClaims,
  options: { expiresIn?: string | number; issuer?: string; audience?: string; secret?: string } = {},
): Promise<string> {
  const { email, name, locale } = claims;
  return new SignJWT({
    roles: claims.roles ?? [],
    departments: claims.departments ?? [],
    ...(email === undefined ? {} : { email }),
    ...(name === undefined ? {} : { name }),
    ...(locale === undefined ? {} : { locale }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer ?? config.auth.issuer)
    .setAudience(options.audience ?? config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(new TextEncoder().encode(options.secret ?? config.auth.jwtSecret));
}
