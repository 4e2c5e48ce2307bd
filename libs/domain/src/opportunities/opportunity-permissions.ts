import { type Caller, OPEN_OPPORTUNITY_STATUSES, type OpportunityStatus } from '@cio/contracts';
import { refuseTriage } from './triage-rights';

export interface OpportunityPermissions {
  support: boolean;
  withdrawSupport: boolean;
  comment: boolean;
  triage: boolean;
  promote: boolean;
}

/** What the caller may do with an opportunity now: the page shows these, the gateway still decides. */
export function opportunityPermissions(
  caller: Caller,
  opportunity: { department: string; status: OpportunityStatus; raisedBy: string },
  managerRoles: readonly string[],
  supports: boolean,
): OpportunityPermissions {
  const open = (OPEN_OPPORTUNITY_STATUSES as readonly string[]).includes(opportunity.status);
  const manages = refuseTriage(caller, opportunity, managerRoles) === null;
  return {
    support: open && !supports && opportunity.raisedBy !== caller.user,
    withdrawSupport: supports,
    comment: true,
    triage: open && manages,
    promote: open && manages,
  };
}
