import type {
  Actor,
  ActorInput,
  Evaluation,
  InitiativeDefinition,
  InitiativeState,
  PlanInput,
  Refusal,
} from '@cio/contracts';
import { actorOf } from '../actors';
import { approvePlan, completeTask, completeTraining, type InitiativeCommand, submitPlan } from '../commands';
import { retailerInitiative } from '../fixtures/retailer';
import { initialState } from '../initial-state';
import { openEvaluationWindow, recordBaseline, recordEvaluation } from '../steps';

// A small world for the domain's specs: the retailer's initiative on a calendar of days, its
// people, some who have no business acting on it, and the rules driven as the workflow drives them.

export const DAY = 86_400_000;
export const BASE = Date.parse('2025-03-03T09:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const at = (days: number) => iso(BASE + days * DAY);

const person = (user: string, roles: string[], departments: string[]): Actor => ({
  user,
  roles,
  departments,
});
export const manager = person('maria', ['improvement-manager'], ['customer-service']);
export const csLead = person('li', ['cs-lead'], ['customer-service']);
export const changeBoard = person('omar', ['change-board'], ['it']);
export const security = person('sara', ['security'], ['it']);
export const engineer = person('ivan', ['engineer'], ['it']);
export const agentAna = person('ana', ['agent'], ['customer-service']);
export const agentBen = person('ben', ['agent'], []);
export const outsider = person('eve', ['visitor'], ['sales']);
export const ACTORS = [manager, csLead, changeBoard, security, engineer, agentAna, agentBen, outsider];

export const retailerPlan: PlanInput = {
  measures: [
    { title: 'Canned answers for the top 20 questions', kind: 'process', department: 'customer-service' },
  ],
  tasks: [{ id: 'chatbot', title: 'Deploy the FAQ chatbot', department: 'it', dueAt: at(30) }],
  trainees: [{ person: 'ana', department: 'customer-service', dueAt: at(28) }],
};

export const baseline = [{ kpi: 'response_minutes', value: 12, samples: 40, from: at(0), to: at(7) }];

export type Outcome = 'met' | 'not-met' | 'inconclusive';

export function evaluation(outcome: Outcome, cycle: number): Evaluation {
  return {
    cycle,
    kind: 'evaluation',
    from: at(0),
    to: at(14),
    kpis: [
      {
        kpi: 'response_minutes',
        baseline: 12,
        target: 5,
        observed: outcome === 'met' ? 4.2 : outcome === 'not-met' ? 6.5 : null,
        samples: outcome === 'inconclusive' ? 3 : 35,
        verdict: outcome,
      },
    ],
    met: outcome === 'met',
    inconclusive: outcome === 'inconclusive',
  };
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A command as the workflow runs it: refused (nothing changes), or applied as the actor acting. */
export function attempt<I extends ActorInput>(
  state: InitiativeState,
  command: InitiativeCommand<I>,
  input: I,
  now: string,
): { refusal: Refusal | null; next: InitiativeState } {
  const actor = actorOf(input.actor);
  const refusal = command.refuse(state, input, actor);
  if (refusal) return { refusal, next: state };
  return { refusal, next: command.apply(state, input, command.actingAs(state, input, actor), now) };
}

/** A command that must be accepted: its next state. */
export function accepted<I extends ActorInput>(
  state: InitiativeState,
  command: InitiativeCommand<I>,
  input: I,
  now: string,
): InitiativeState {
  const { refusal, next } = attempt(state, command, input, now);
  if (refusal) throw new Error(`${command.action} refused: ${refusal.code} ${refusal.message}`);
  return next;
}

/** The code a command is refused with, or null when it is accepted. */
export const refusalOf = <I extends ActorInput>(
  state: InitiativeState,
  command: InitiativeCommand<I>,
  input: I,
): string | null => command.refuse(state, input, actorOf(input.actor))?.code ?? null;

/** Drives the retailer initiative to the given phase through the rules themselves. */
export function retailerIn(
  phase: 'Planning' | 'AwaitingApproval' | 'Implementing' | 'Evaluating' | 'Sustaining',
  definition: InitiativeDefinition = retailerInitiative(),
): InitiativeState {
  let s = recordBaseline(initialState(definition, at(0)), baseline);
  if (phase === 'Planning') return s;
  s = accepted(s, submitPlan, { actor: manager, plan: retailerPlan }, at(8));
  if (phase === 'AwaitingApproval') return s;
  s = accepted(s, approvePlan, { actor: csLead, planVersion: 1 }, at(9));
  s = accepted(s, approvePlan, { actor: changeBoard, planVersion: 1 }, at(10));
  if (phase === 'Implementing') return s;
  s = accepted(s, completeTask, { actor: engineer, taskId: 'chatbot' }, at(20));
  s = accepted(s, completeTraining, { actor: agentAna, person: 'ana' }, at(21));
  s = openEvaluationWindow(s, at(21), definition.policy.evaluationWindowMs);
  if (phase === 'Evaluating') return s;
  return recordEvaluation(s, evaluation('met', s.cycle), at(35));
}
