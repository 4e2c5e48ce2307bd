import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const alice = { user: 'alice', roles: ['cs-lead'], departments: ['customer-service'] };
  const at = Date.parse('2026-11-25T09:00:00Z');

  it('answers a token verified lately until the token expires', () => {
    const tokens = new VerifiedTokens(60_000);
    tokens.remember('t', alice, at + 30_000, at);
    expect(tokens.lookup('t', at + 29_999)).toBe(alice);
    expect(tokens.lookup('t', at + 30_000)).toBeUndefined();
    expect(tokens.lookup('t', at)).toBeUndefined(); // forgotten, so verified again from now on
  });

  it('remembers a long-lived token for a minute at most', () => {
    const tokens = new VerifiedTokens(60_000);
    tokens.remember('t', alice, at + 8 * 3_600_000, at);
    expect(tokens.lookup('t', at + 59_999)).toBe(alice);
    expect(tokens.lookup('t', at + 60_000)).toBeUndefined();
  });

  it('holds a bounded number of tokens, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens(60_000, 2);
    for (const t of ['a', 'b', 'c']) tokens.remember(t, alice, at + 30_000, at);
    expect(tokens.lookup('a', at)).toBeUndefined();
    expect(tokens.lookup('b', at)).toBe(alice);
    expect(tokens.lookup('c', at)).toBe(alice);
  });
});
