import type { InitiativeDefinition, InitiativeState } from '@cio/contracts';

/** A new initiative: assessing its baseline over the policy's assessment period from `now`. */
export function initialState(definition: InitiativeDefinition, now: string): InitiativeState {
  return {
    definition,
    phase: 'Assessing',
    phaseSince: now,
    cycle: 1,
    maxCycles: definition.policy.maxCycles,
    baseline: [],
    plan: null,
    lastRejection: null,
    findings: null,
    evaluations: [],
    assessmentWindow: {
      from: now,
      endsAt: new Date(Date.parse(now) + definition.policy.assessmentPeriodMs).toISOString(),
      extended: false,
    },
    evaluationWindow: null,
    followUps: { done: 0, metInARow: 0, nextAt: null },
    paused: null,
    closed: null,
    waitingOn: [],
    approvalReminders: { remindersSent: 0, escalated: false, since: null },
    auditSequence: 0,
    seenUpdateIds: [],
  };
}

/** An instant moved by `ms` (null stays null). */
export function shift<T extends string | null>(iso: T, ms: number): T {
  return (iso === null ? iso : new Date(Date.parse(iso) + ms).toISOString()) as T;
}
