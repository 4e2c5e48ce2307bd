import { InitiativeErrorCode } from '@cio/contracts';
import {
  accepted,
  agentAna,
  at,
  csLead,
  engineer,
  manager,
  outsider,
  refusalOf,
  retailerIn,
} from '../spec-support/world';
import { completeTask, completeTraining, implementationComplete } from './index';

describe('implementation progress', () => {
  it('lets a member of the task department confirm it, once', () => {
    const implementing = retailerIn('Implementing');
    expect(refusalOf(implementing, completeTask, { actor: csLead, taskId: 'chatbot' })).toBe(
      InitiativeErrorCode.DEPARTMENT_NOT_RESPONSIBLE,
    );
    // The manager manages the initiative; the department that owns the task confirms it.
    expect(refusalOf(implementing, completeTask, { actor: manager, taskId: 'chatbot' })).toBe(
      InitiativeErrorCode.DEPARTMENT_NOT_RESPONSIBLE,
    );
    expect(refusalOf(implementing, completeTask, { actor: engineer, taskId: 'nope' })).toBe(
      InitiativeErrorCode.TASK_NOT_FOUND,
    );
    const done = accepted(implementing, completeTask, { actor: engineer, taskId: 'chatbot' }, at(20));
    expect(done.plan?.tasks[0]).toMatchObject({ doneAt: at(20), doneBy: 'ivan' });
    expect(refusalOf(done, completeTask, { actor: engineer, taskId: 'chatbot' })).toBe(
      InitiativeErrorCode.TASK_ALREADY_DONE,
    );
    expect(completeTask.actingAs(implementing, { actor: engineer, taskId: 'chatbot' }, engineer)).toEqual({
      user: 'ivan',
      role: 'engineer',
      department: 'it',
    });
  });

  it('lets only the trainee confirm their training', () => {
    const implementing = retailerIn('Implementing');
    expect(refusalOf(implementing, completeTraining, { actor: outsider, person: 'ana' })).toBe(
      InitiativeErrorCode.NOT_THE_TRAINEE,
    );
    expect(refusalOf(implementing, completeTraining, { actor: manager, person: 'ana' })).toBe(
      InitiativeErrorCode.NOT_THE_TRAINEE,
    );
    expect(refusalOf(implementing, completeTraining, { actor: agentAna, person: 'bob' })).toBe(
      InitiativeErrorCode.TRAINEE_NOT_FOUND,
    );
    const trained = accepted(implementing, completeTraining, { actor: agentAna, person: 'ana' }, at(21));
    expect(refusalOf(trained, completeTraining, { actor: agentAna, person: 'ana' })).toBe(
      InitiativeErrorCode.TRAINING_ALREADY_COMPLETED,
    );
  });

  it('is complete when every task is done and every trainee trained', () => {
    const implementing = retailerIn('Implementing');
    expect(implementationComplete(implementing)).toBe(false);
    const done = accepted(implementing, completeTask, { actor: engineer, taskId: 'chatbot' }, at(20));
    expect(implementationComplete(done)).toBe(false);
    const trained = accepted(done, completeTraining, { actor: agentAna, person: 'ana' }, at(21));
    expect(implementationComplete(trained)).toBe(true);
  });

  it('refuses progress outside implementation, and while paused', () => {
    expect(
      refusalOf(retailerIn('AwaitingApproval'), completeTask, { actor: engineer, taskId: 'chatbot' }),
    ).toBe(InitiativeErrorCode.NOT_IMPLEMENTING);
    const paused = { ...retailerIn('Implementing'), phase: 'Paused' as const };
    expect(refusalOf(paused, completeTask, { actor: engineer, taskId: 'chatbot' })).toBe(
      InitiativeErrorCode.INITIATIVE_PAUSED,
    );
  });
});
