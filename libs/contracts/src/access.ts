/** The person acting, as the gateway knows them from their token: who, holding which roles, in which departments. */
export interface Caller {
  user: string;
  roles: readonly string[];
  departments: readonly string[];
}

/** Holders of this role see every initiative and may create one in any department. */
export const ADMIN_ROLE = 'admin';
