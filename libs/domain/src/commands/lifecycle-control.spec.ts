import { InitiativeErrorCode, MAX_ADDITIONAL_CYCLES } from '@cio/contracts';
import { retailerInitiative } from '../fixtures/retailer';
import {
  accepted,
  agentAna,
  at,
  changeBoard,
  csLead,
  engineer,
  evaluation,
  manager,
  refusalOf,
  retailerIn,
  retailerPlan,
} from '../spec-support/world';
import { openEvaluationWindow, recordEvaluation } from '../steps';
import { commands } from './index';

const { approvePlan, cancel, completeTask, completeTraining, extendCycleLimit, pause, resume, submitPlan } =
  commands;

describe('pause, resume, cancel and the cycle limit', () => {
  it('refuses everything but resume and cancel while paused, and manager actions from other roles', () => {
    const paused = accepted(
      retailerIn('Implementing'),
      pause,
      { actor: manager, reason: ' peak season ' },
      at(12),
    );
    expect(paused.paused).toEqual({
      since: at(12),
      by: { user: 'maria', role: 'improvement-manager', department: 'customer-service' },
      reason: 'peak season',
      resumeTo: 'Implementing',
    });
    expect(refusalOf(paused, completeTask, { actor: engineer, taskId: 'chatbot' })).toBe(
      InitiativeErrorCode.INITIATIVE_PAUSED,
    );
    expect(refusalOf(paused, pause, { actor: manager, reason: 'again' })).toBe(
      InitiativeErrorCode.NOT_PAUSABLE,
    );
    expect(refusalOf(paused, resume, { actor: csLead })).toBe(InitiativeErrorCode.ROLE_NOT_ALLOWED);
    expect(refusalOf(paused, resume, { actor: manager })).toBeNull();
    expect(refusalOf(retailerIn('Planning'), resume, { actor: manager })).toBe(
      InitiativeErrorCode.NOT_PAUSED,
    );
    expect(refusalOf(paused, cancel, { actor: manager, reason: '' })).toBe(
      InitiativeErrorCode.REASON_REQUIRED,
    );
  });

  it('moves the retailer task deadline by the pause', () => {
    const paused = accepted(
      retailerIn('Implementing'),
      pause,
      { actor: manager, reason: 'peak season' },
      at(12),
    );
    const resumed = accepted(paused, resume, { actor: manager }, at(22));
    expect(resumed.phase).toBe('Implementing');
    expect(resumed.plan?.tasks[0]?.dueAt).toBe(at(40));
    expect(resumed.plan?.trainees[0]?.dueAt).toBe(at(38));
  });

  it('starts the next cycle when the target is missed, stops at the limit, extends or closes there', () => {
    const definition = retailerInitiative('retailer-1', { policy: { maxCycles: 2 } });
    const cycle2 = recordEvaluation(retailerIn('Evaluating', definition), evaluation('not-met', 1), at(35));
    expect(cycle2).toMatchObject({ phase: 'Planning', cycle: 2, plan: null });
    expect(cycle2.findings?.met).toBe(false);

    let s = accepted(cycle2, submitPlan, { actor: manager, plan: retailerPlan }, at(36));
    expect(s.plan).toMatchObject({ version: 1, cycle: 2 });
    s = accepted(s, approvePlan, { actor: csLead, planVersion: 1 }, at(37));
    s = accepted(s, approvePlan, { actor: changeBoard, planVersion: 1 }, at(37));
    s = accepted(s, completeTask, { actor: engineer, taskId: 'chatbot' }, at(38));
    s = accepted(s, completeTraining, { actor: agentAna, person: 'ana' }, at(38));
    s = openEvaluationWindow(s, at(38), definition.policy.evaluationWindowMs);
    const limit = recordEvaluation(s, evaluation('inconclusive', 2), at(52));
    expect(limit).toMatchObject({ phase: 'CycleLimitReached', cycle: 2, maxCycles: 2 });

    expect(
      refusalOf(limit, extendCycleLimit, { actor: manager, additionalCycles: MAX_ADDITIONAL_CYCLES + 1 }),
    ).toBe(InitiativeErrorCode.INVALID_INPUT);
    const extended = accepted(limit, extendCycleLimit, { actor: manager, additionalCycles: 1 }, at(53));
    expect(extended).toMatchObject({ phase: 'Planning', cycle: 3, maxCycles: 3, plan: null });
    const cancelled = accepted(limit, cancel, { actor: manager, reason: ' enough ' }, at(53));
    expect(cancelled.closed).toEqual({
      outcome: 'cycle-limit-reached',
      reason: 'enough',
      by: 'maria',
      at: at(53),
    });
    expect(cancel.details({ actor: manager, reason: 'enough' }, cancelled)).toEqual({
      reason: 'enough',
      outcome: 'cycle-limit-reached',
    });
  });
});
