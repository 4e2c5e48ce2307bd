import type { Evaluation, InitiativeState } from '@cio/contracts';
import { buildEvaluation, type KpiWindowAggregate } from '../evaluation';
import { required } from '../invariant';
import { transition } from '../phases';
import { nextCycle } from './cycle';
import { notice, type PhaseStep, recorded, type Wait } from './step';

export function followUpWait(state: InitiativeState): Wait {
  const dueAt = required(state.followUps.nextAt, 'next follow-up');
  const number = state.followUps.done + 1;
  return {
    until: dueAt,
    summary: `follow-up review ${number} of ${state.definition.kpis.map((k) => k.name).join(', ')}`,
    due: { kind: 'follow-up-due', dueAt, number },
  };
}

/** The window a follow-up review re-measures: the interval before it was due. */
export function followUpWindow(state: InitiativeState, due: { dueAt: string; number: number }) {
  const from = new Date(Date.parse(due.dueAt) - state.definition.policy.followUpIntervalMs).toISOString();
  return { from, to: due.dueAt, summary: `follow-up review ${due.number}` };
}

/** A follow-up review: held (closing after enough in a row), inconclusive, or a regression that reopens. */
export function followUpDue(
  state: InitiativeState,
  due: { dueAt: string; number: number },
  measured: readonly KpiWindowAggregate[],
): PhaseStep {
  const { definition } = state;
  const { number } = due;
  const window = followUpWindow(state, due);
  const review = buildEvaluation(state, 'follow-up', measured, window.from, window.to);
  const cycleBefore = state.cycle;
  return {
    notify: [],
    record: (current, at) => {
      const next = recordFollowUp(current, review, at);
      const owner = { person: definition.owner, department: definition.department };
      const told = review.inconclusive
        ? [
            notice(
              'evaluation-inconclusive',
              { role: definition.policy.approval.escalateTo },
              next.cycle,
              `follow-up-${number}-inconclusive`,
              { cycle: next.cycle, short: [], review: number },
              { review },
            ),
          ]
        : !review.met
          ? [
              notice(
                'regression',
                owner,
                next.cycle,
                `follow-up-${number}-regression-from-c${cycleBefore}`,
                { review: number, reopenedAs: next.cycle },
                { review },
              ),
            ]
          : [];
      return recorded(
        next,
        {
          action: 'follow-up-recorded',
          details: {
            review,
            number,
            next: { phase: next.phase, cycle: next.cycle },
            ...(next.closed ? { outcome: next.closed.outcome } : {}),
          },
          recorded: { evaluation: review, reviewNumber: number },
        },
        { notifyAfter: told, continueAsNew: true },
      );
    },
  };
}

export function recordFollowUp(state: InitiativeState, review: Evaluation, now: string): InitiativeState {
  const evaluated = { ...state, evaluations: [...state.evaluations, review] };
  const done = state.followUps.done + 1;
  const interval = state.definition.policy.followUpIntervalMs;
  if (review.inconclusive) {
    // Too few samples to judge: neither counted as held nor as a regression (escalated instead).
    const nextAt = new Date(Date.parse(now) + interval).toISOString();
    return { ...evaluated, followUps: { ...state.followUps, done, nextAt } };
  }
  if (!review.met) return nextCycle({ ...evaluated, followUps: { ...state.followUps, done } }, review);
  const metInARow = state.followUps.metInARow + 1;
  if (metInARow >= state.definition.policy.followUpsToComplete) {
    return {
      ...evaluated,
      phase: transition(state.phase, 'Closed'),
      followUps: { done, metInARow, nextAt: null },
      closed: {
        outcome: 'completed',
        reason: `target held for ${metInARow} follow-up reviews`,
        by: 'system',
        at: now,
      },
    };
  }
  const nextAt = new Date(Date.parse(now) + interval).toISOString();
  return { ...evaluated, followUps: { done, metInARow, nextAt } };
}
