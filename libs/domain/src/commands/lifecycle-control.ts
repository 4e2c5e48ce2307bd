import {
  type CancelInput,
  type ExtendCycleLimitInput,
  InitiativeErrorCode as Code,
  MAX_ADDITIONAL_CYCLES,
  type MeasurementWindow,
  type PauseInput,
  type ResumeInput,
} from '@cio/contracts';
import { actedAs } from '../actors';
import { shift } from '../initial-state';
import { required } from '../invariant';
import { isPausable, transition } from '../phases';
import {
  type InitiativeCommand,
  managerRole,
  refusal,
  refuseIfClosed,
  refuseIfNotManager,
  requireReason,
} from './command';

const asManager = <I>(
  state: Parameters<typeof managerRole>[0],
  _input: I,
  actor: Parameters<typeof managerRole>[1],
) => actedAs(actor, managerRole(state, actor));

/** The manager pauses a waiting initiative: its timers stop until it is resumed. */
export const pause: InitiativeCommand<PauseInput> = {
  action: 'pause',
  refuse(state, input, actor) {
    const blocked = refuseIfClosed(state) ?? refuseIfNotManager(state, actor);
    if (blocked) return blocked;
    if (!isPausable(state.phase)) return refusal(Code.NOT_PAUSABLE, `cannot pause in phase ${state.phase}`);
    return requireReason(input.reason, 'a pause');
  },
  actingAs: asManager,
  apply: (state, input, by, now) => ({
    ...state,
    phase: transition(state.phase, 'Paused'),
    paused: { since: now, by, reason: input.reason.trim(), resumeTo: state.phase },
  }),
  details: (input) => ({ reason: input.reason }),
};

const shiftWindow = (window: MeasurementWindow | null, ms: number): MeasurementWindow | null =>
  window && { ...window, endsAt: shift(window.endsAt, ms) };

/** The manager resumes it: every pending deadline and window end moves by the time spent paused. */
export const resume: InitiativeCommand<ResumeInput> = {
  action: 'resume',
  refuse(state, _input, actor) {
    const blocked = refuseIfClosed(state) ?? refuseIfNotManager(state, actor);
    if (blocked) return blocked;
    return state.phase === 'Paused'
      ? null
      : refusal(Code.NOT_PAUSED, `the initiative is not paused (${state.phase})`);
  },
  actingAs: asManager,
  apply(state, _input, _by, now) {
    const paused = required(state.paused, 'pause');
    const pausedMs = Math.max(0, Date.parse(now) - Date.parse(paused.since));
    const move = <T extends { dueAt: string }>(item: T, done: unknown): T =>
      done ? item : { ...item, dueAt: shift(item.dueAt, pausedMs) };
    const plan = state.plan && {
      ...state.plan,
      tasks: state.plan.tasks.map((t) => move(t, t.doneAt)),
      trainees: state.plan.trainees.map((t) => move(t, t.completedAt)),
    };
    return {
      ...state,
      phase: transition(state.phase, paused.resumeTo),
      paused: null,
      plan,
      assessmentWindow: shiftWindow(state.assessmentWindow, pausedMs),
      evaluationWindow: shiftWindow(state.evaluationWindow, pausedMs),
      followUps: { ...state.followUps, nextAt: shift(state.followUps.nextAt, pausedMs) },
      approvalReminders: {
        ...state.approvalReminders,
        since: shift(state.approvalReminders.since, pausedMs),
      },
    };
  },
  details: () => ({}),
};

/** The manager closes it; at the cycle limit that is its outcome, otherwise a cancellation. */
export const cancel: InitiativeCommand<CancelInput> = {
  action: 'cancel',
  refuse: (state, input, actor) =>
    refuseIfClosed(state) ??
    refuseIfNotManager(state, actor) ??
    requireReason(input.reason, 'a cancellation'),
  actingAs: asManager,
  apply(state, input, by, now) {
    const atLimit = state.phase === 'CycleLimitReached' || state.paused?.resumeTo === 'CycleLimitReached';
    return {
      ...state,
      phase: transition(state.phase, 'Closed'),
      paused: null,
      closed: {
        outcome: atLimit ? 'cycle-limit-reached' : 'cancelled',
        reason: input.reason.trim(),
        by: by.user,
        at: now,
      },
    };
  },
  details: (input, next) => ({ reason: input.reason, outcome: next.closed?.outcome }),
};

/** More cycles; an initiative that had hit the limit goes back to planning its next cycle. */
export const extendCycleLimit: InitiativeCommand<ExtendCycleLimitInput> = {
  action: 'extend-cycle-limit',
  refuse(state, input, actor) {
    const blocked = refuseIfClosed(state) ?? refuseIfNotManager(state, actor);
    if (blocked) return blocked;
    const n = input.additionalCycles;
    return Number.isInteger(n) && n >= 1 && n <= MAX_ADDITIONAL_CYCLES
      ? null
      : refusal(
          Code.INVALID_INPUT,
          `additionalCycles must be a whole number from 1 to ${MAX_ADDITIONAL_CYCLES}`,
          [
            {
              field: 'additionalCycles',
              message: `must be a whole number from 1 to ${MAX_ADDITIONAL_CYCLES}`,
            },
          ],
        );
  },
  actingAs: asManager,
  apply(state, input) {
    const maxCycles = state.maxCycles + input.additionalCycles;
    if (state.phase === 'Paused' && state.paused?.resumeTo === 'CycleLimitReached') {
      // Extended while paused at the limit: it resumes into planning the next cycle.
      return {
        ...state,
        maxCycles,
        cycle: state.cycle + 1,
        plan: null,
        paused: { ...state.paused, resumeTo: 'Planning' },
      };
    }
    if (state.phase !== 'CycleLimitReached') return { ...state, maxCycles };
    return {
      ...state,
      maxCycles,
      cycle: state.cycle + 1,
      phase: transition(state.phase, 'Planning'),
      plan: null,
    };
  },
  details: (input) => ({
    additionalCycles: input.additionalCycles,
    ...(input.reason ? { reason: input.reason } : {}),
  }),
};
