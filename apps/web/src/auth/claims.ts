/** Who a bearer token says its holder is: the claims the gateway reads, and a name to show. */
export interface Person {
  sub: string;
  name: string | null;
  roles: string[];
  departments: string[];
}

export interface TokenClaims extends Person {
  /** Expiry, in milliseconds since the epoch, when the token says. */
  expiresAt: number | null;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The claims of a JWT, read (not verified: the gateway verifies it on every request). */
export function readClaims(token: string): TokenClaims | null {
  const payload = token.trim().split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    const decoded = decodeSegment(payload);
    if (typeof decoded !== 'object' || decoded === null) return null;
    claims = decoded as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') return null;
  const name = [claims.name, claims.preferred_username].find((n): n is string => typeof n === 'string');
  return {
    sub: claims.sub,
    name: name ?? null,
    roles: strings(claims.roles),
    departments: strings(claims.departments),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}
