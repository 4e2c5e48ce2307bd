import { Injectable } from '@nestjs/common';
import { workWaitingOn } from '@cio/persistence';
import type { Principal } from '../auth/principal';
import { RegisterDatabase } from '../infrastructure/register-database';

@Injectable()
export class WorkService {
  constructor(private readonly database: RegisterDatabase) {}

  /** What waits on the caller's roles, departments or on them in person. */
  async mine(principal: Principal, limit?: number) {
    const items = await workWaitingOn(
      await this.database.ready(),
      { roles: principal.roles, departments: principal.departments, person: principal.user },
      limit,
    );
    return { items };
  }
}
