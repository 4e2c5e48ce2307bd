import type { ApprovalPolicy, PlanInput } from '@cio/contracts';
import fc from 'fast-check';
import { commands } from '../commands';
import {
  ACTORS,
  agentAna,
  at,
  changeBoard,
  csLead,
  DAY,
  engineer,
  manager,
  type Outcome,
  security,
} from './world';

// Random sequences of commands (mostly sensible, some hostile) and of what time and measurement
// do, for the lifecycle model (./lifecycle-model.ts).

export type Command = {
  [K in keyof Commands]: { kind: K; input: Parameters<Commands[K]['refuse']>[1] };
}[keyof Commands];
export type Commands = typeof COMMANDS;
export const COMMANDS = commands;

export type Action = Command | { kind: 'system'; outcome: Outcome };
export interface Step {
  action: Action;
  advanceMs: number;
}

const pick = <T>(weighted: [number, fc.Arbitrary<T>][]) =>
  fc.oneof(...weighted.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const actorArb = fc.constantFrom(...ACTORS);
const approverArb = pick([
  [4, fc.constantFrom(csLead, changeBoard, security)],
  [1, actorArb],
]);
const managerMostlyArb = pick([
  [3, fc.constant(manager)],
  [1, actorArb],
]);
/** Mostly people who may record implementation progress, some who may not. */
const workerArb = pick([
  [3, fc.constantFrom(manager, engineer, csLead, agentAna)],
  [1, actorArb],
]);
const reasonArb = fc.constantFrom('', '   ', 'waiting for the new release', ' budget freeze ');
/** -2: the version currently awaiting approval (as a client would send it); else any number. */
const versionArb = pick([
  [3, fc.constant(-2)],
  [1, fc.integer({ min: -1, max: 5 })],
]);
const dueArb = pick([
  [9, fc.integer({ min: 0, max: 60 }).map((d) => at(d))],
  [1, fc.constant('not-a-date')],
]);
const measureArb = fc.record({
  title: fc.constantFrom('FAQ chatbot', 'Canned answers', 'Shift plan'),
  kind: fc.constantFrom('process', 'tool', 'technology', 'resource', 'training' as const),
  department: fc.constantFrom('it', 'customer-service'),
});
const taskArb = fc.record({
  id: fc.constantFrom('t1', 't2', 't3'),
  title: fc.constant('a task'),
  department: fc.constantFrom('it', 'customer-service', 'sales'),
  dueAt: dueArb,
});
const traineeArb = fc.record({
  person: fc.constantFrom('ana', 'ben', 'carl'),
  department: fc.constantFrom('customer-service', 'it'),
  dueAt: dueArb,
});
/** Mostly well-formed plans, so that runs get past planning; some with every kind of problem. */
const planArb: fc.Arbitrary<PlanInput> = pick([
  [
    1,
    fc.record({
      measures: fc.array(measureArb, { maxLength: 2 }),
      tasks: fc.array(taskArb, { maxLength: 3 }),
      trainees: fc.array(traineeArb, { maxLength: 2 }),
    }),
  ],
  [
    3,
    fc.record({
      measures: fc.array(measureArb, { minLength: 1, maxLength: 2 }),
      tasks: fc.uniqueArray(taskArb, { maxLength: 2, selector: (t) => t.id }),
      trainees: fc.uniqueArray(traineeArb, { maxLength: 2, selector: (t) => t.person }),
    }),
  ],
]);

const as =
  <K extends keyof Commands>(kind: K) =>
  (input: Command['input']) =>
    ({ kind, input }) as Command;
const actionArb: fc.Arbitrary<Action> = pick<Action>([
  [3, fc.record({ actor: managerMostlyArb, plan: planArb }).map(as('submitPlan'))],
  [
    6,
    fc
      .record({ actor: approverArb, planVersion: versionArb, comment: fc.constantFrom('ok', undefined) })
      .map(as('approvePlan')),
  ],
  [1, fc.record({ actor: approverArb, planVersion: versionArb, reason: reasonArb }).map(as('rejectPlan'))],
  [
    4,
    fc
      .record({ actor: workerArb, taskId: fc.constantFrom('', '', 't1', 't2', 't3', 'nope') })
      .map(as('completeTask')),
  ],
  [
    3,
    fc
      .record({ actor: workerArb, person: fc.constantFrom('', '', 'ana', 'ben', 'carl', 'nobody') })
      .map(as('completeTraining')),
  ],
  [1, fc.record({ actor: managerMostlyArb, reason: reasonArb }).map(as('pause'))],
  [3, fc.record({ actor: managerMostlyArb }).map(as('resume'))],
  [1, fc.record({ actor: actorArb, reason: reasonArb }).map(as('cancel'))],
  [
    1,
    fc
      .record({
        actor: managerMostlyArb,
        additionalCycles: fc.constantFrom(-1, 0, 1, 2, 1.5, 20, 21),
        reason: fc.constantFrom(undefined, 'close'),
      })
      .map(as('extendCycleLimit')),
  ],
  [
    8,
    fc
      .constantFrom<Outcome>('met', 'met', 'not-met', 'inconclusive')
      .map((outcome) => ({ kind: 'system' as const, outcome })),
  ],
]);

export const stepsArb = fc.array(
  fc.record({ action: actionArb, advanceMs: fc.integer({ min: 0, max: 3 * DAY }) }),
  {
    minLength: 1,
    maxLength: 120,
    size: 'max',
  },
);

export const definitionArb = fc.record({
  approval: fc.oneof(
    fc.constant<Partial<ApprovalPolicy>>({ mode: 'all', roles: ['cs-lead', 'change-board'] }),
    fc.constant<Partial<ApprovalPolicy>>({ mode: 'any', roles: ['cs-lead', 'change-board', 'security'] }),
    fc.integer({ min: 1, max: 3 }).map<Partial<ApprovalPolicy>>((quorum) => ({
      mode: 'quorum',
      roles: ['cs-lead', 'change-board', 'security'],
      quorum,
    })),
  ),
  maxCycles: fc.constantFrom(1, 1, 2, 3),
  followUpsToComplete: fc.integer({ min: 1, max: 3 }),
});
