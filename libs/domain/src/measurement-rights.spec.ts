import { refuseMeasurements } from './measurement-rights';

describe('who may record an initiative’s measurements', () => {
  const initiative = { department: 'customer-service', policyRoles: ['cs-lead', 'change-board', 'cio'] };
  const caller = (roles: string[], departments: string[]) => ({ roles, departments });

  it('its department, the roles its policy names and admins', () => {
    expect(refuseMeasurements(initiative, caller(['tool'], ['customer-service']))).toBeNull();
    expect(refuseMeasurements(initiative, caller(['change-board'], ['it']))).toBeNull();
    expect(refuseMeasurements(initiative, caller(['admin'], []))).toBeNull();
  });

  it('not a department or a person that only takes part in a plan', () => {
    expect(refuseMeasurements(initiative, caller(['engineer'], ['security']))).toEqual({
      code: 'ROLE_NOT_ALLOWED',
      message: expect.stringContaining("department 'customer-service'"),
    });
    expect(refuseMeasurements(initiative, caller([], []))?.code).toBe('ROLE_NOT_ALLOWED');
  });
});
