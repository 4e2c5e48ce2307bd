import { opportunityPermissions } from './opportunity-permissions';
import { refuseTriage } from './triage-rights';

const managers = ['improvement-manager'];
const opportunity = { department: 'customer-service', status: 'new' as const, raisedBy: 'alice' };

describe('triage rights', () => {
  it('allows the department’s improvement managers and admins only', () => {
    expect(
      refuseTriage(
        { user: 'maria', roles: managers, departments: ['customer-service'] },
        opportunity,
        managers,
      ),
    ).toBeNull();
    expect(
      refuseTriage({ user: 'root', roles: ['admin'], departments: [] }, opportunity, managers),
    ).toBeNull();
    expect(
      refuseTriage({ user: 'ines', roles: managers, departments: ['it'] }, opportunity, managers)?.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(
      refuseTriage(
        { user: 'li', roles: ['cs-lead'], departments: ['customer-service'] },
        opportunity,
        managers,
      )?.code,
    ).toBe('ROLE_NOT_ALLOWED');
  });

  it('offers support to others than the raiser, and triage only while it is open', () => {
    const maria = { user: 'maria', roles: managers, departments: ['customer-service'] };
    expect(opportunityPermissions(maria, opportunity, managers, false)).toEqual({
      support: true,
      withdrawSupport: false,
      comment: true,
      triage: true,
      promote: true,
    });
    expect(
      opportunityPermissions({ user: 'alice', roles: [], departments: [] }, opportunity, managers, false)
        .support,
    ).toBe(false);
    expect(
      opportunityPermissions(maria, { ...opportunity, status: 'declined' }, managers, true),
    ).toMatchObject({
      support: false,
      withdrawSupport: true,
      triage: false,
      promote: false,
    });
  });
});
