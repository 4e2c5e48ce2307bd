import type { Principal } from './principal';

/**
 * Tokens verified lately, by their exact text: a client sends the same token with every call,
 * and the same text carries the same verified claims. Each is remembered until it expires and
 * never longer than `maxAgeMs`, so that a key withdrawn from the JWKS stops working soon.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly capacity = 10_000,
  ) {}

  lookup(token: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's own expiry (epoch milliseconds). */
  remember(token: string, principal: Principal, expiresAt: number, now = Date.now()): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal, until: Math.min(expiresAt, now + this.maxAgeMs) });
  }
}
