import { ADMIN_ROLE, type Caller } from '@cio/contracts';

/** The authenticated caller, from the bearer token's claims. */
export interface Principal extends Caller {
  /** The person (token `sub`). */
  user: string;
  roles: string[];
  departments: string[];
}

export { ADMIN_ROLE };

export const isAdmin = (principal: Principal) => principal.roles.includes(ADMIN_ROLE);
