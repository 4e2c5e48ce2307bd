import { webcrypto } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import type { AppConfig } from '@cio/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import type { Principal } from './principal';
import { VerifiedTokens } from './verified-tokens';

/** Symmetric tokens are HS256 only; a JWKS brings asymmetric keys. `none` is never accepted. */
const HMAC_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];

const claimsSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  roles: z.array(z.string().min(1).max(100)).max(100).default([]),
  departments: z.array(z.string().min(1).max(100)).max(100).default([]),
});

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** Verifies bearer tokens: signature, algorithm, issuer, audience, expiry, and our claims. */
@Injectable()
export class TokenVerifier {
  private readonly key: Promise<webcrypto.CryptoKey> | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new VerifiedTokens();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwksUrl, jwtSecret } = config.auth;
    // The secret imported once as a verify-only HMAC key: jose would import a KeyObject or raw
    // bytes again on every request.
    this.key = jwksUrl
      ? createRemoteJWKSet(new URL(jwksUrl))
      : webcrypto.subtle.importKey(
          'raw',
          Buffer.from(jwtSecret, 'utf8'),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['verify'],
        );
    this.algorithms = jwksUrl ? JWKS_ALGORITHMS : HMAC_ALGORITHMS;
  }

  async verify(token: string): Promise<Principal> {
    const remembered = this.verified.lookup(token);
    if (remembered) return remembered;
    try {
      const options = {
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
      };
      const { payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, await this.key, options);
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) {
        const issue = claims.error.issues[0];
        const [claim, item] = issue?.path ?? [];
        const where = item === undefined ? '' : `item ${String(item)}: `;
        throw new InvalidTokenError(`claim '${String(claim)}' is invalid: ${where}${issue?.message}`);
      }
      const principal = {
        user: claims.data.sub,
        roles: claims.data.roles,
        departments: claims.data.departments,
      };
      this.verified.remember(token, principal, (payload.exp ?? 0) * 1000);
      return principal;
    } catch (error) {
      throw new InvalidTokenError(describe(error));
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof InvalidTokenError) return error.message;
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim '${error.claim}' is invalid: ${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the identity provider matches the token';
  if (error instanceof errors.JOSEError) return `the token is invalid (${error.code})`;
  return 'the token could not be verified';
}
