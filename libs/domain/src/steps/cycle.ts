import type { Evaluation, InitiativeState } from '@cio/contracts';
import { transition } from '../phases';

/** Starts the next optimisation cycle, or stops at the policy's limit for the manager to decide. */
export function nextCycle(state: InitiativeState, findings: Evaluation): InitiativeState {
  if (state.cycle >= state.maxCycles) {
    return { ...state, phase: transition(state.phase, 'CycleLimitReached'), findings };
  }
  return {
    ...state,
    phase: transition(state.phase, 'Planning'),
    cycle: state.cycle + 1,
    findings,
    plan: null,
    lastRejection: null,
    evaluationWindow: null,
    followUps: { done: state.followUps.done, metInARow: 0, nextAt: null },
    auditSequence: 0,
  };
}
