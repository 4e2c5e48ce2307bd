import { webcrypto } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import type { AppConfig } from '@cio/config';
import { localeOf } from '@cio/contracts';
import { APP_CONFIG } from '../infrastructure/tokens';
import type { Principal } from './principal';
import { VerifiedTokens } from './verified-tokens';

/** Symmetric tokens are HS256 only; a JWKS brings asymmetric keys. `none` is never accepted. */
const HMAC_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];
/** How long the provider's discovery document may take to arrive. */
const DISCOVERY_TIMEOUT_MS = 5_000;
/** After a failed discovery, how long tokens are answered 503 at once before it is tried again. */
const DISCOVERY_COOLDOWN_MS = 2_000;

const claimsSchema = z.object({
  sub: z.string().trim().min(1).max(200),
  roles: z.array(z.string().min(1).max(100)).max(100).default([]),
  departments: z.array(z.string().min(1).max(100)).max(100).default([]),
  // What the directory learns of the person (OpenID Connect's standard claims).
  email: z.string().trim().max(320).optional(),
  email_verified: z.unknown().optional(),
  name: z.string().trim().max(200).optional(),
  locale: z.string().max(100).optional(),
});

/** A plausible address (the provider checked it): one @, something either side, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The person's email, name and locale as the directory keeps them: an address the provider says
 * it did not verify, a blank name and a locale we do not speak are left out, not refused.
 */
function profileOf(claims: z.infer<typeof claimsSchema>): NonNullable<Principal['profile']> {
  const unverified = claims.email_verified === false || claims.email_verified === 'false';
  const email = claims.email && EMAIL.test(claims.email) && !unverified ? claims.email : undefined;
  const locale = localeOf(claims.locale);
  return {
    ...(email ? { email } : {}),
    ...(claims.name ? { displayName: claims.name } : {}),
    ...(locale ? { locale } : {}),
  };
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** The identity provider's keys could not be had: no token can be judged now (503, not 401). */
export class KeysUnavailableError extends Error {
  override name = 'KeysUnavailableError';
}

/** Verifies bearer tokens: signature, algorithm, issuer, audience, expiry, and our claims. */
@Injectable()
export class TokenVerifier {
  private readonly key: Promise<webcrypto.CryptoKey> | JWTVerifyGetKey;
  private readonly algorithms: string[];
  /** The `iss` a token must carry: the OpenID provider's issuer, or AUTH_ISSUER. */
  private readonly issuer: string;
  private readonly verified = new VerifiedTokens();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwksUrl, jwtSecret, oidc } = config.auth;
    this.issuer = oidc?.issuer ?? config.auth.issuer;
    if (jwksUrl || oidc) {
      this.key = judgingKeys(
        jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : providerKeys(oidc?.issuer ?? ''),
      );
      this.algorithms = JWKS_ALGORITHMS;
    } else {
      // The secret imported once as a verify-only HMAC key: jose would import a KeyObject or raw
      // bytes again on every request.
      this.key = webcrypto.subtle.importKey(
        'raw',
        Buffer.from(jwtSecret, 'utf8'),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      this.algorithms = HMAC_ALGORITHMS;
    }
  }

  async verify(token: string): Promise<Principal> {
    const remembered = this.verified.lookup(token);
    if (remembered) return remembered;
    try {
      const options = {
        issuer: this.issuer,
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
      const principal: Principal = {
        user: claims.data.sub,
        roles: claims.data.roles,
        departments: claims.data.departments,
        profile: profileOf(claims.data),
      };
      this.verified.remember(token, principal, (payload.exp ?? 0) * 1000);
      return principal;
    } catch (error) {
      if (error instanceof KeysUnavailableError || error instanceof errors.JWKSTimeout) {
        throw new KeysUnavailableError(error.message);
      }
      throw new InvalidTokenError(describe(error));
    }
  }
}

/** Errors of a key lookup that are the token's own fault: it names a key the provider lacks. */
const TOKEN_KEY_ERRORS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported];

/**
 * A key lookup whose every other failure (the provider unreachable, answering 5xx or nonsense,
 * timing out) means no token can be judged now: KeysUnavailableError, a 503, never a 401 that
 * would send a signed-in person back to sign in.
 */
function judgingKeys(lookup: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await lookup(header, token);
    } catch (error) {
      if (error instanceof KeysUnavailableError || TOKEN_KEY_ERRORS.some((type) => error instanceof type))
        throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new KeysUnavailableError(`the identity provider's keys could not be had: ${reason}`);
    }
  };
}

/**
 * The OpenID provider's signing keys, from the JWKS its discovery document names: looked up on
 * the first token, again after a failed lookup (not sooner than DISCOVERY_COOLDOWN_MS later), and
 * refreshed by jose as keys rotate.
 */
function providerKeys(issuer: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  let failed: { error: KeysUnavailableError; at: number } | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok)
      throw new KeysUnavailableError(`the identity provider's discovery answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (document.issuer !== issuer || typeof document.jwks_uri !== 'string')
      throw new KeysUnavailableError(
        "the identity provider's discovery document names another issuer or no keys",
      );
    return createRemoteJWKSet(new URL(document.jwks_uri));
  };
  return async (header, token) => {
    if (failed && Date.now() - failed.at < DISCOVERY_COOLDOWN_MS) throw failed.error;
    keys ??= discover().then(
      (found) => {
        failed = undefined;
        return found;
      },
      (error: unknown) => {
        keys = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        failed = {
          error:
            error instanceof KeysUnavailableError
              ? error
              : new KeysUnavailableError(`the identity provider could not be reached (${reason})`),
          at: Date.now(),
        };
        throw failed.error;
      },
    );
    return (await keys)(header, token);
  };
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
