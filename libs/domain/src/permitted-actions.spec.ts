import { permittedActions } from './permitted-actions';
import { agentAna, csLead, engineer, manager, outsider, retailerIn } from './spec-support/world';

describe('permitted actions', () => {
  it('offers the manager planning, pause and cancel, and nothing of others', () => {
    const planning = retailerIn('Planning');
    expect(permittedActions(planning, manager)).toEqual({
      submitPlan: true,
      decide: null,
      completeTasks: [],
      completeTrainings: [],
      pause: true,
      resume: false,
      cancel: true,
      extendCycleLimit: false,
      pushMeasurements: true,
      setClosure: false,
    });
    expect(permittedActions(planning, csLead)).toMatchObject({
      submitPlan: false,
      pause: false,
      cancel: false,
    });
  });

  it('offers setting the closure code of a closed initiative to its managers only', () => {
    const closed = { ...retailerIn('Planning'), phase: 'Closed' as const };
    expect(permittedActions(closed, manager).setClosure).toBe(true);
    expect(permittedActions(closed, csLead).setClosure).toBe(false);
  });

  it('offers each approver the decision on the version awaiting approval, as their role', () => {
    const awaiting = retailerIn('AwaitingApproval');
    expect(permittedActions(awaiting, csLead).decide).toEqual({ planVersion: 1, roles: ['cs-lead'] });
    const both = { user: 'olga', roles: ['cs-lead', 'change-board'], departments: [] };
    expect(permittedActions(awaiting, both).decide).toEqual({
      planVersion: 1,
      roles: ['cs-lead', 'change-board'],
    });
    expect(permittedActions(awaiting, outsider).decide).toBeNull();
  });

  it('offers a task to its department and a training to its trainee', () => {
    const implementing = retailerIn('Implementing');
    expect(permittedActions(implementing, engineer)).toMatchObject({
      completeTasks: ['chatbot'],
      completeTrainings: [],
      pushMeasurements: false,
    });
    expect(permittedActions(implementing, agentAna)).toMatchObject({
      completeTasks: [],
      completeTrainings: ['ana'],
    });
    expect(permittedActions(implementing, manager)).toMatchObject({
      completeTasks: [],
      completeTrainings: [],
    });
  });
});
