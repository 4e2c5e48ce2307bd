// Development sign-in: the gateway mints a token for any person (only with NODE_ENV=development
// and its development secret). The route is not in the API contract, so it is called here, once.
import { ApiError } from '../api/api-error';
import { readClaims } from './claims';
import type { Session } from './session';

export interface DevPerson {
  sub: string;
  name?: string;
  roles: string[];
  departments: string[];
}

export async function devSignIn(person: DevPerson): Promise<Session> {
  let response: Response;
  try {
    response = await fetch('/auth/dev-tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(person),
    });
  } catch (error) {
    throw ApiError.network(error);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw ApiError.fromResponse(response, body);
  const { token, expiresAt } = body as { token: string; expiresAt: string };
  const claims = readClaims(token);
  return {
    token,
    via: 'development',
    expiresAt: Date.parse(expiresAt) || claims?.expiresAt || null,
    person: {
      sub: person.sub,
      name: person.name ?? claims?.name ?? null,
      roles: claims?.roles ?? person.roles,
      departments: claims?.departments ?? person.departments,
    },
  };
}
