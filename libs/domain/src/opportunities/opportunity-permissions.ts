import {
  type Caller,
  InitiativeErrorCode,
  OPEN_OPPORTUNITY_STATUSES,
  type OpportunityStatus,
  type Refusal,
} from '@cio/contracts';
import { refuseTriage } from './triage-rights';

/** Support comes from others than the raiser, while the opportunity is open. Null when allowed. */
export function refuseSupport(
  caller: Caller,
  opportunity: { status: OpportunityStatus; raisedBy: string },
): Refusal | null {
  if (opportunity.raisedBy === caller.user) {
    return {
      code: InitiativeErrorCode.ROLE_NOT_ALLOWED,
      message: 'you raised this opportunity: support comes from others',
    };
  }
  return null;
}

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
    support: open && !supports && refuseSupport(caller, opportunity) === null,
    withdrawSupport: supports,
    comment: true,
    triage: open && manages,
    promote: open && manages,
  };
}
