import { ADMIN_ROLE, type Caller, type Locale } from '@cio/contracts';

/** The authenticated caller, from the bearer token's claims. */
export interface Principal extends Caller {
  /** The person (token `sub`). */
  user: string;
  roles: string[];
  departments: string[];
  /** What the token says of them besides, for the directory (absent claims say nothing). */
  profile?: { email?: string; displayName?: string; locale?: Locale };
}

export { ADMIN_ROLE };

export const isAdmin = (principal: Principal) => principal.roles.includes(ADMIN_ROLE);
