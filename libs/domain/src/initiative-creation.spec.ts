import { InitiativeErrorCode } from '@cio/contracts';
import { definitionProblems, refuseCreation, refuseDefinition } from './initiative-creation';
import { retailerInitiative } from './fixtures/retailer';

const rules = { creatorRoles: ['improvement-manager'], minIntervalMs: 15 * 60_000 };
const maria = { user: 'maria', roles: ['improvement-manager'], departments: ['customer-service'] };

describe('who may create an initiative', () => {
  const definition = retailerInitiative();

  it('lets an improvement manager create one in her own department that she will manage', () => {
    expect(refuseCreation(maria, definition, rules)).toBeNull();
  });

  it('refuses a caller without a creator role, even one who would manage it', () => {
    const analyst = { user: 'ana', roles: ['analyst'], departments: ['customer-service'] };
    const analystManaged = {
      ...definition,
      policy: { ...definition.policy, managerRoles: ['analyst'] },
    };
    expect(refuseCreation(analyst, analystManaged, rules)).toMatchObject({
      code: InitiativeErrorCode.ROLE_NOT_ALLOWED,
      message: expect.stringContaining('improvement-manager'),
    });
  });

  it('refuses a creator who would not hold one of its manager roles', () => {
    const managedByOthers = { ...definition, policy: { ...definition.policy, managerRoles: ['cfo'] } };
    expect(refuseCreation(maria, managedByOthers, rules)).toMatchObject({
      code: InitiativeErrorCode.ROLE_NOT_ALLOWED,
      problems: [{ field: 'policy.managerRoles', message: expect.any(String) }],
    });
  });

  it('refuses another department, unless the caller is an admin', () => {
    const payroll = { ...definition, department: 'finance', service: 'payroll' };
    expect(refuseCreation(maria, payroll, rules)).toMatchObject({
      code: InitiativeErrorCode.DEPARTMENT_NOT_ALLOWED,
      problems: [{ field: 'department', message: expect.any(String) }],
    });
    const admin = { ...maria, roles: [...maria.roles, 'admin'] };
    expect(refuseCreation(admin, payroll, rules)).toBeNull();
  });
});

describe('definition problems', () => {
  it('accepts the retailer definition with the production floor', () => {
    expect(definitionProblems(retailerInitiative(), rules)).toEqual([]);
  });

  it('names every nudging interval below the floor', () => {
    const base = retailerInitiative();
    const spammy = {
      ...base,
      policy: {
        ...base.policy,
        approval: { ...base.policy.approval, reminderIntervalMs: 60_000 },
        implementationReminderIntervalMs: 60_000,
        followUpIntervalMs: 14 * 60_000,
      },
    };
    const refusal = refuseDefinition(spammy, rules);
    expect(refusal?.code).toBe(InitiativeErrorCode.INVALID_DEFINITION);
    expect(refusal?.problems?.map((p) => p.field)).toEqual([
      'policy.approval.reminderIntervalMs',
      'policy.implementationReminderIntervalMs',
      'policy.followUpIntervalMs',
    ]);
    expect(refusal?.message).toMatch(/^policy\.approval\.reminderIntervalMs must be at least 900000 ms/);
    // Development's floor of a second lets short test policies through.
    expect(definitionProblems(spammy, { minIntervalMs: 1_000 })).toEqual([]);
  });

  it('names an unsatisfiable approval policy and repeated KPIs', () => {
    const base = retailerInitiative();
    const broken = {
      ...base,
      kpis: [...base.kpis, ...base.kpis],
      policy: { ...base.policy, approval: { ...base.policy.approval, mode: 'quorum' as const, quorum: 9 } },
    };
    expect(definitionProblems(broken, rules).map((p) => p.field)).toEqual(['policy.approval.quorum', 'kpis']);
  });
});
