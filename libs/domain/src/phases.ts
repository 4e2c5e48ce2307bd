import type { Phase } from '@cio/contracts';

/** The legal moves of the lifecycle; anything not listed here is a bug, not a user error. */
export const TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  Assessing: ['Planning', 'Paused', 'Closed'],
  Planning: ['AwaitingApproval', 'Paused', 'Closed'],
  AwaitingApproval: ['Planning', 'Implementing', 'Paused', 'Closed'],
  Implementing: ['Evaluating', 'Paused', 'Closed'],
  Evaluating: ['Planning', 'Sustaining', 'CycleLimitReached', 'Paused', 'Closed'],
  Sustaining: ['Planning', 'CycleLimitReached', 'Paused', 'Closed'],
  CycleLimitReached: ['Planning', 'Paused', 'Closed'],
  Paused: [
    'Assessing',
    'Planning',
    'AwaitingApproval',
    'Implementing',
    'Evaluating',
    'Sustaining',
    'CycleLimitReached',
    'Closed',
  ],
  Closed: [],
};

export function canTransition(from: Phase, to: Phase): boolean {
  return TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: Phase,
    readonly to: Phase,
  ) {
    super(`illegal phase transition ${from} -> ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Returns `to` when the move is legal; throws otherwise (the workflow must never make it). */
export function transition(from: Phase, to: Phase): Phase {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}

/** Phases in which the initiative waits on people or time, and so may be paused. */
export function isPausable(phase: Phase): boolean {
  return phase !== 'Paused' && phase !== 'Closed';
}
