/** The authenticated caller, from the bearer token's claims. */
export interface Principal {
  /** The person (token `sub`). */
  user: string;
  roles: string[];
  departments: string[];
}

/** Holders of this role read every initiative. */
export const ADMIN_ROLE = 'admin';

export const isAdmin = (principal: Principal) => principal.roles.includes(ADMIN_ROLE);
