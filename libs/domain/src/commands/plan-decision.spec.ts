import { InitiativeErrorCode } from '@cio/contracts';
import { retailerInitiative } from '../fixtures/retailer';
import { required } from '../invariant';
import {
  accepted,
  at,
  changeBoard,
  csLead,
  engineer,
  manager,
  refusalOf,
  retailerIn,
  retailerPlan,
  security,
} from '../spec-support/world';
import { approvePlan, rejectPlan, submitPlan } from './index';

describe('plan decisions', () => {
  it('counts approvals only for the version awaiting approval', () => {
    const awaiting = retailerIn('AwaitingApproval');
    const approvedByLead = accepted(awaiting, approvePlan, { actor: csLead, planVersion: 1 }, at(9));
    const rejected = accepted(
      approvedByLead,
      rejectPlan,
      { actor: changeBoard, planVersion: 1, reason: ' cost ' },
      at(9),
    );
    expect(rejected.phase).toBe('Planning');
    expect(rejected.lastRejection).toMatchObject({ role: 'change-board', reason: 'cost', planVersion: 1 });

    const v2 = accepted(rejected, submitPlan, { actor: manager, plan: retailerPlan }, at(11));
    expect(v2.plan).toMatchObject({ version: 2, decisions: [] });
    expect(refusalOf(v2, approvePlan, { actor: csLead, planVersion: 1 })).toBe(
      InitiativeErrorCode.PLAN_VERSION_SUPERSEDED,
    );
    // The lead's approval of version 1 does not carry over: one approval of v2 is not enough.
    const onlyBoard = accepted(v2, approvePlan, { actor: changeBoard, planVersion: 2 }, at(12));
    expect(onlyBoard.phase).toBe('AwaitingApproval');
    expect(accepted(onlyBoard, approvePlan, { actor: csLead, planVersion: 2 }, at(13)).phase).toBe(
      'Implementing',
    );
  });

  it('records a delegate’s decision as theirs, on behalf of the approver whose roles they act in', () => {
    const awaiting = retailerIn('AwaitingApproval');
    const forLi = { ...engineer, roles: csLead.roles, departments: csLead.departments, onBehalfOf: 'li' };
    expect(approvePlan.actingAs(awaiting, { actor: forLi, planVersion: 1 }, forLi)).toEqual({
      user: 'ivan',
      role: 'cs-lead',
      department: 'customer-service',
      onBehalfOf: 'li',
    });
    const decided = accepted(awaiting, approvePlan, { actor: forLi, planVersion: 1 }, at(9));
    expect(decided.plan?.decisions).toEqual([
      expect.objectContaining({ role: 'cs-lead', by: 'ivan', onBehalfOf: 'li', decision: 'approved' }),
    ]);
    // Acting as oneself records no one else.
    const own = accepted(awaiting, approvePlan, { actor: csLead, planVersion: 1 }, at(9));
    expect(own.plan?.decisions[0]).not.toHaveProperty('onBehalfOf');
  });

  it('refuses decisions from outside the policy, twice from one role, and rejections without reason', () => {
    const awaiting = retailerIn('AwaitingApproval');
    expect(refusalOf(awaiting, approvePlan, { actor: engineer, planVersion: 1 })).toBe(
      InitiativeErrorCode.ROLE_NOT_IN_POLICY,
    );
    const once = accepted(awaiting, approvePlan, { actor: csLead, planVersion: 1 }, at(9));
    expect(refusalOf(once, approvePlan, { actor: csLead, planVersion: 1 })).toBe(
      InitiativeErrorCode.ROLE_ALREADY_DECIDED,
    );
    expect(refusalOf(awaiting, rejectPlan, { actor: changeBoard, planVersion: 1, reason: '  ' })).toBe(
      InitiativeErrorCode.REASON_REQUIRED,
    );
    expect(refusalOf(retailerIn('Planning'), approvePlan, { actor: csLead, planVersion: 1 })).toBe(
      InitiativeErrorCode.PLAN_NOT_AWAITING_APPROVAL,
    );
  });

  it('decides as the approving role the actor holds, or the one they name', () => {
    const awaiting = retailerIn('AwaitingApproval');
    const both = { user: 'olga', roles: ['cs-lead', 'change-board', 'agent'], departments: [] };
    const ambiguous = approvePlan.refuse(awaiting, { actor: both, planVersion: 1 }, both);
    expect(ambiguous).toMatchObject({
      code: InitiativeErrorCode.INVALID_INPUT,
      problems: [{ field: 'role', message: 'one of cs-lead, change-board' }],
    });
    const named = { ...both, role: 'change-board' };
    const decided = accepted(awaiting, approvePlan, { actor: named, planVersion: 1 }, at(9));
    expect(decided.plan?.decisions).toEqual([
      expect.objectContaining({ role: 'change-board', by: 'olga', decision: 'approved' }),
    ]);
    expect(refusalOf(awaiting, approvePlan, { actor: { ...both, role: 'cio' }, planVersion: 1 })).toBe(
      InitiativeErrorCode.ROLE_NOT_HELD,
    );
    expect(refusalOf(awaiting, approvePlan, { actor: { ...both, role: 'agent' }, planVersion: 1 })).toBe(
      InitiativeErrorCode.ROLE_NOT_IN_POLICY,
    );
  });

  it('reads a decision recorded before actors carried all their roles as the role it names', () => {
    const awaiting = retailerIn('AwaitingApproval');
    const recorded = { user: 'li', role: 'cs-lead', department: 'customer-service' };
    const next = accepted(awaiting, approvePlan, { actor: recorded, planVersion: 1 }, at(9));
    expect(next.plan?.decisions).toEqual([expect.objectContaining({ role: 'cs-lead', by: 'li' })]);
  });

  it('approves with a quorum of 2 of 3 roles', () => {
    const definition = retailerInitiative('retailer-1', {
      approval: { mode: 'quorum', roles: ['cs-lead', 'change-board', 'security'], quorum: 2 },
    });
    const awaiting = retailerIn('AwaitingApproval', definition);
    const one = accepted(awaiting, approvePlan, { actor: security, planVersion: 1 }, at(9));
    expect(one.phase).toBe('AwaitingApproval');
    expect(accepted(one, approvePlan, { actor: changeBoard, planVersion: 1 }, at(10)).phase).toBe(
      'Implementing',
    );
  });

  it('lets only a manager submit, names every problem of a plan, and versions reworks', () => {
    const planning = retailerIn('Planning');
    expect(refusalOf(planning, submitPlan, { actor: csLead, plan: retailerPlan })).toBe(
      InitiativeErrorCode.ROLE_NOT_ALLOWED,
    );
    const task = required(retailerPlan.tasks[0], 'task');
    const broken = {
      measures: [],
      tasks: [task, { ...task, dueAt: 'soon' }],
      trainees: [],
    };
    expect(submitPlan.refuse(planning, { actor: manager, plan: broken }, manager)?.problems).toEqual([
      { field: 'measures', message: 'must name at least one measure' },
      { field: 'tasks', message: 'ids must be distinct' },
      { field: 'tasks[1].dueAt', message: 'is not an ISO date: soon' },
    ]);
  });
});
