import { InitiativeErrorCode } from '@cio/contracts';
import { approvePlan, cancel, completeTask, pause, resume } from '../commands';
import { retailerInitiative } from '../fixtures/retailer';
import { initialState } from '../initial-state';
import { everyCommand, tryCommand } from '../spec-support/lifecycle-model';
import {
  accepted,
  at,
  csLead,
  engineer,
  evaluation,
  manager,
  type Outcome,
  retailerIn,
} from '../spec-support/world';
import { required } from '../invariant';
import { noticeSubject, recordFollowUp, stepOf, stepStillApplies, waitOf } from './index';

const dueOf = (state: Parameters<typeof waitOf>[0]) => required(waitOf(state).due, 'due');

const measured = (value: number | null, samples: number) => [{ kpi: 'response_minutes', value, samples }];

describe('phase steps', () => {
  it('walks the retailer through assessment, planning, approval, implementation and evaluation', () => {
    const start = initialState(retailerInitiative(), at(0));
    expect(start).toMatchObject({ phase: 'Assessing', cycle: 1, maxCycles: 3 });
    expect(waitOf(start)).toMatchObject({ until: at(7), due: { kind: 'assessment-ends' } });
    const awaiting = retailerIn('AwaitingApproval');
    expect(awaiting.plan).toMatchObject({ version: 1, cycle: 1, submittedBy: 'maria', decisions: [] });
    expect(awaiting.approvalReminders).toEqual({ remindersSent: 0, escalated: false, since: at(8) });
    expect(accepted(awaiting, approvePlan, { actor: csLead, planVersion: 1 }, at(9)).phase).toBe(
      'AwaitingApproval',
    );
    expect(retailerIn('Implementing').plan?.approvedAt).toBe(at(10));
    expect(retailerIn('Evaluating').evaluationWindow).toEqual({
      from: at(21),
      endsAt: at(35),
      extended: false,
    });
    expect(retailerIn('Sustaining').followUps).toEqual({ done: 0, metInARow: 0, nextAt: at(65) });
  });

  it('records the baseline, or extends a short assessment and escalates every extension after the first', () => {
    const start = initialState(retailerInitiative(), at(0));
    const due = dueOf(start);
    const short = stepOf(start, due, measured(12, 3), at(7));
    expect(short.notify).toEqual([]);
    const extended = short.record(start, at(7));
    expect(extended.audit.action).toBe('assessment-extended');
    expect(extended.state.assessmentWindow).toEqual({ from: at(0), endsAt: at(14), extended: true });
    const again = stepOf(extended.state, dueOf(extended.state), measured(12, 3), at(14));
    expect(again.notify.map((n) => [n.kind, n.to, n.key])).toEqual([
      ['baseline-escalation', { role: 'cio' }, `c1:baseline-${at(14)}`],
    ]);
    const enough = stepOf(extended.state, dueOf(extended.state), measured(12, 40), at(14));
    expect(enough.record(extended.state, at(14)).state).toMatchObject({
      phase: 'Planning',
      baseline: [{ kpi: 'response_minutes', value: 12, samples: 40, from: at(0), to: at(14) }],
    });
  });

  it('reminds every role still to decide, then escalates, with keys a retry repeats', () => {
    const awaiting = retailerIn('AwaitingApproval');
    const wait = waitOf(awaiting);
    expect(wait).toMatchObject({ until: at(10), summary: 'approval reminder 1/3 to cs-lead, change-board' });
    const reminded = stepOf(awaiting, required(wait.due, 'due'), [], at(10));
    expect(reminded.notify.map((n) => [n.to.role, n.key])).toEqual([
      ['cs-lead', 'c1:v1:approval-reminder-1:cs-lead'],
      ['change-board', 'c1:v1:approval-reminder-1:change-board'],
    ]);
    expect(noticeSubject(awaiting.definition, required(reminded.notify[0], 'notice'))).toBe(
      'Plan v1 of "Cut customer response time" awaits your approval (reminder 1/3)',
    );
    let state = reminded.record(awaiting, at(10)).state;
    for (let i = 0; i < 3; i++) state = stepOf(state, dueOf(state), [], at(20)).record(state, at(20)).state;
    expect(state.approvalReminders).toMatchObject({ remindersSent: 3, escalated: true });
    expect(waitOf(state)).toMatchObject({ until: null, due: null });
  });

  it('nudges overdue tasks and trainings: reminders to their owners, then escalation', () => {
    const implementing = retailerIn('Implementing');
    const wait = waitOf(implementing);
    expect(wait).toMatchObject({ until: at(28), summary: 'training reminder for ana (deadline passed)' });
    const step = stepOf(implementing, required(wait.due, 'due'), [], at(31));
    expect(step.notify.map((n) => [n.kind, n.to, n.key])).toEqual([
      ['task-reminder', { department: 'it' }, 'c1:v1:task-chatbot-reminder-1'],
      [
        'training-reminder',
        { person: 'ana', department: 'customer-service' },
        'c1:v1:training-ana-reminder-1',
      ],
    ]);
    const next = step.record(implementing, at(31));
    expect(next.state.plan?.tasks[0]?.remindersSent).toBe(1);
    expect(next.audit).toMatchObject({ action: 'implementation-nudged' });
  });

  it('keeps a task done while its reminder was being sent (revision 3), as revision 2 did not', () => {
    const implementing = retailerIn('Implementing');
    const due = required(waitOf(implementing).due, 'due');
    const done = accepted(implementing, completeTask, { actor: engineer, taskId: 'chatbot' }, at(31));
    const kept = stepOf(implementing, due, [], at(31), { revision: 3 }).record(done, at(31));
    expect(kept.state.plan?.tasks[0]).toMatchObject({ doneAt: at(31), remindersSent: 1 });
    expect(kept.state.plan?.trainees[0]?.remindersSent).toBe(1);
    const lost = stepOf(implementing, due, [], at(31), { revision: 2 }).record(done, at(31));
    expect(lost.state.plan?.tasks[0]?.doneAt).toBeFalsy();
  });

  it('drops a step when an update accepted meanwhile ended the wait it belonged to', () => {
    const evaluating = retailerIn('Evaluating');
    expect(stepStillApplies(evaluating, { ...evaluating, seenUpdateIds: ['push'] })).toBe(true);
    const paused = accepted(evaluating, pause, { actor: manager, reason: 'freeze' }, at(30));
    expect(stepStillApplies(evaluating, paused)).toBe(false);
    const resumed = accepted(paused, resume, { actor: manager }, at(31));
    expect(resumed.phase).toBe('Evaluating');
    expect(stepStillApplies(evaluating, resumed)).toBe(false);
    const cancelled = accepted(evaluating, cancel, { actor: manager, reason: 'retired' }, at(30));
    expect(stepStillApplies(evaluating, cancelled)).toBe(false);
  });

  it.each<[Outcome, string[], string]>([
    ['met', ['evaluation-ready', 'target-met'], 'Sustaining'],
    ['not-met', ['evaluation-ready'], 'Planning'],
    ['inconclusive', ['evaluation-inconclusive', 'evaluation-ready'], 'Planning'],
  ])('judges a %s window: told %j, then %s', (outcome, kinds, phase) => {
    const evaluating = {
      ...retailerIn('Evaluating'),
      evaluationWindow: { from: at(21), endsAt: at(35), extended: true },
    };
    const value = outcome === 'met' ? 4 : outcome === 'not-met' ? 9 : null;
    const step = stepOf(
      evaluating,
      dueOf(evaluating),
      measured(value, outcome === 'inconclusive' ? 2 : 40),
      at(35),
    );
    expect(step.notify.map((n) => n.kind)).toEqual(kinds);
    const next = step.record(evaluating, at(35));
    expect([next.state.phase, next.audit.action, next.continueAsNew]).toEqual([
      phase,
      'evaluation-recorded',
      true,
    ]);
    expect(next.audit.recorded?.reviewNumber).toBe(0);
  });

  it('extends a short evaluation window once, then judges it (the other extension rule)', () => {
    const evaluating = retailerIn('Evaluating');
    const once = stepOf(evaluating, dueOf(evaluating), measured(4, 2), at(35)).record(evaluating, at(35));
    expect([once.audit.action, once.state.evaluationWindow?.extended, once.continueAsNew]).toEqual([
      'evaluation-window-extended',
      true,
      false,
    ]);
    const judged = stepOf(once.state, dueOf(once.state), measured(4, 2), at(49));
    expect(judged.notify[0]?.kind).toBe('evaluation-inconclusive');
  });

  it('tells the manager at the cycle limit, after the evaluation is recorded', () => {
    const definition = retailerInitiative('retailer-1', { policy: { maxCycles: 1 } });
    const evaluating = retailerIn('Evaluating', definition);
    const next = stepOf(evaluating, dueOf(evaluating), measured(9, 40), at(35)).record(evaluating, at(35));
    expect(next.state.phase).toBe('CycleLimitReached');
    expect(next.notifyAfter.map((n) => [n.kind, n.to, n.key])).toEqual([
      ['cycle-limit-reached', { role: 'improvement-manager', person: 'maria' }, 'c1:cycle-limit'],
    ]);
  });

  it('reopens on a regressed follow-up review, keyed by the cycle it reopened from', () => {
    const sustaining = retailerIn('Sustaining');
    const wait = waitOf(sustaining);
    expect(wait).toMatchObject({ until: at(65), summary: 'follow-up review 1 of response_minutes' });
    const next = stepOf(sustaining, required(wait.due, 'due'), measured(9, 40), at(65)).record(
      sustaining,
      at(65),
    );
    expect(next.state).toMatchObject({ phase: 'Planning', cycle: 2 });
    expect(next.notifyAfter.map((n) => [n.kind, n.key])).toEqual([
      ['regression', 'c2:follow-up-1-regression-from-c1'],
    ]);
    expect(noticeSubject(sustaining.definition, required(next.notifyAfter[0], 'notice'))).toBe(
      '"Cut customer response time" regressed at follow-up review 1: reopened as cycle 2',
    );
  });

  it('closes as completed after the configured number of met follow-ups, and then refuses everything', () => {
    const definition = retailerInitiative('retailer-1', { policy: { followUpsToComplete: 2 } });
    const sustaining = retailerIn('Sustaining', definition);
    const review = (outcome: Outcome) => ({ ...evaluation(outcome, 1), kind: 'follow-up' as const });
    const one = recordFollowUp(sustaining, review('met'), at(65));
    expect(one.followUps).toEqual({ done: 1, metInARow: 1, nextAt: at(95) });
    const unsure = recordFollowUp(one, review('inconclusive'), at(95));
    expect(unsure).toMatchObject({
      phase: 'Sustaining',
      followUps: { done: 2, metInARow: 1, nextAt: at(125) },
    });
    const closed = recordFollowUp(unsure, review('met'), at(125));
    expect(closed.closed).toMatchObject({ outcome: 'completed', by: 'system', at: at(125) });
    for (const command of everyCommand(closed)) {
      expect(tryCommand(closed, command, at(126)).refusal?.code).toBe(InitiativeErrorCode.INITIATIVE_CLOSED);
    }
    const regressed = recordFollowUp(one, review('not-met'), at(95));
    expect(regressed).toMatchObject({ phase: 'Planning', cycle: 2, followUps: { done: 2, metInARow: 0 } });
  });
});
