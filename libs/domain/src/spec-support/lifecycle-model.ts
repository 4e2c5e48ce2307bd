import {
  type ActorInput,
  type InitiativeDefinition,
  InitiativeErrorCode,
  type InitiativeState,
  type Phase,
  PHASES,
} from '@cio/contracts';
import { quorumReached } from '../approval-policy';
import { implementationComplete, type InitiativeCommand } from '../commands';
import { initialState } from '../initial-state';
import { canTransition, isPausable } from '../phases';
import { openEvaluationWindow, recordBaseline, recordEvaluation, recordFollowUp } from '../steps';
import { type Command, COMMANDS, type Step } from './lifecycle-arbitraries';
import {
  agentAna,
  at,
  attempt,
  BASE,
  baseline,
  csLead,
  deepFreeze,
  engineer,
  evaluation,
  iso,
  manager,
  type Outcome,
} from './world';

// The lifecycle as a model: the commands and what time and measurement do, checked against the
// lifecycle's invariants after every step.

/** Fills what a client would send for the current state: the version awaiting approval, the open item. */
function concrete(state: InitiativeState, command: Command): Command {
  const input = { ...command.input } as Record<string, unknown>;
  if ('planVersion' in input && input.planVersion === -2) input.planVersion = state.plan?.version ?? 1;
  if (input.taskId === '') input.taskId = state.plan?.tasks.find((t) => !t.doneAt)?.id ?? 't1';
  if (input.person === '') input.person = state.plan?.trainees.find((t) => !t.completedAt)?.person ?? 'ana';
  return { kind: command.kind, input } as unknown as Command;
}

export function tryCommand(state: InitiativeState, command: Command, now: string) {
  const c = concrete(state, command);
  return attempt(state, COMMANDS[c.kind] as InitiativeCommand<ActorInput>, c.input, now);
}

/** What time and measurement do on their own, in the phase where the workflow does it. */
function systemEvent(state: InitiativeState, outcome: Outcome, now: string): InitiativeState {
  switch (state.phase) {
    case 'Assessing':
      return recordBaseline(state, baseline);
    case 'Implementing':
      return implementationComplete(state)
        ? openEvaluationWindow(state, now, state.definition.policy.evaluationWindowMs)
        : state;
    case 'Evaluating':
      return recordEvaluation(state, evaluation(outcome, state.cycle), now);
    case 'Sustaining':
      return recordFollowUp(state, { ...evaluation(outcome, state.cycle), kind: 'follow-up' }, now);
    default:
      return state;
  }
}

export interface RunOptions {
  extendWhilePaused: boolean;
  /** Whether CycleLimitReached must mean cycle === maxCycles (broken by extending while paused). */
  strictCycleLimit: boolean;
}

/** A cheap assertion for the hot loop; fast-check reports the case. */
export function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

const ERROR_CODES: readonly string[] = Object.values(InitiativeErrorCode);

/** Runs the steps, asserting the lifecycle's invariants after each; returns the phases visited. */
export function run(
  definition: InitiativeDefinition,
  steps: readonly Step[],
  options: RunOptions,
): Set<Phase> {
  let clock = BASE;
  let state = deepFreeze(initialState(definition, iso(clock)));
  const visited = new Set<Phase>([state.phase]);
  for (const [i, { action, advanceMs }] of steps.entries()) {
    clock += advanceMs;
    const now = iso(clock);
    const before = state;
    const where = () => `step ${i} (${action.kind}) from ${before.phase}`;
    if (action.kind === 'system') {
      state = deepFreeze(systemEvent(state, action.outcome, now));
    } else {
      if (action.kind === 'extendCycleLimit' && state.phase === 'Paused' && !options.extendWhilePaused)
        continue;
      const snapshot = JSON.stringify(before);
      const { refusal, next } = tryCommand(before, action, now);
      if (refusal) {
        check(ERROR_CODES.includes(refusal.code) && refusal.message !== '', () => `${where()}: bad refusal`);
        check(
          next === before && JSON.stringify(before) === snapshot,
          () => `${where()}: refused but changed`,
        );
      }
      if (before.phase === 'Closed')
        check(refusal?.code === InitiativeErrorCode.INITIATIVE_CLOSED, () => `${where()}: ${refusal?.code}`);
      if (action.kind === 'resume' && !refusal)
        check(next.phase === before.paused?.resumeTo, () => `${where()}: resumed to ${next.phase}`);
      state = deepFreeze(next);
    }
    assertStep(before, state, where, options);
    visited.add(state.phase);
  }
  return visited;
}

function assertStep(
  before: InitiativeState,
  after: InitiativeState,
  where: () => string,
  options: RunOptions,
) {
  const fail = (what: string) => () => `${where()} -> ${after.phase}: ${what}`;
  check(PHASES.includes(after.phase), fail('unknown phase'));
  check(after.phase === before.phase || canTransition(before.phase, after.phase), fail('illegal transition'));
  // Cycles only go forward, and only up to the limit.
  check(after.cycle >= before.cycle && after.cycle >= 1, fail(`cycle ${before.cycle} -> ${after.cycle}`));
  check(after.maxCycles >= before.maxCycles, fail(`maxCycles ${before.maxCycles} -> ${after.maxCycles}`));
  check(after.cycle <= after.maxCycles, fail(`cycle ${after.cycle} > maxCycles ${after.maxCycles}`));
  if (after.phase === 'CycleLimitReached' && options.strictCycleLimit)
    check(
      after.cycle === after.maxCycles,
      fail(`limit reached at cycle ${after.cycle} of ${after.maxCycles}`),
    );
  // Pause and closure records exist exactly in their phases.
  check((after.paused !== null) === (after.phase === 'Paused'), fail('paused record out of phase'));
  check(!after.paused || isPausable(after.paused.resumeTo), fail('resumes to an unpausable phase'));
  check((after.closed !== null) === (after.phase === 'Closed'), fail('closed record out of phase'));
  // Approvals count only for the current plan version, once per role of the policy.
  const policy = after.definition.policy.approval;
  const plan = after.plan;
  if (plan) {
    check(
      plan.cycle === after.cycle && plan.version >= 1,
      fail(`plan v${plan.version} of cycle ${plan.cycle}`),
    );
    check(
      plan.decisions.every((d) => d.planVersion === plan.version && policy.roles.includes(d.role)),
      fail('a decision of another version or role'),
    );
    check(
      new Set(plan.decisions.map((d) => d.role)).size === plan.decisions.length,
      fail('a role decided twice'),
    );
  }
  const phase = after.phase === 'Paused' ? after.paused?.resumeTo : after.phase;
  if (phase === 'AwaitingApproval')
    check(
      !!plan &&
        !quorumReached(policy, plan.decisions, plan.version) &&
        plan.decisions.every((d) => d.decision === 'approved') &&
        plan.approvedAt === null,
      fail('awaits approval of a decided plan'),
    );
  if (phase === 'Implementing' || phase === 'Evaluating' || phase === 'Sustaining')
    check(
      !!plan && quorumReached(policy, plan.decisions, plan.version) && plan.approvedAt !== null,
      fail('works on a plan without a quorum'),
    );
  if (before.plan && after.plan && after.plan.cycle === before.plan.cycle) {
    // A plan of the same cycle is either the same version (decided on) or the next one.
    const delta = after.plan.version - before.plan.version;
    check(delta === 0 || delta === 1, fail(`plan v${before.plan.version} -> v${after.plan.version}`));
  }
  // A closed initiative refuses everything as closed (later steps check the generated action).
  if (after.phase === 'Closed' && before.phase !== 'Closed') {
    for (const command of everyCommand(after)) {
      const code = tryCommand(after, command, at(999)).refusal?.code;
      check(code === InitiativeErrorCode.INITIATIVE_CLOSED, fail(`${command.kind} refused with ${code}`));
    }
  }
}

/** Every command, with inputs that would be accepted in the right phase, for the Closed check. */
export function everyCommand(state: InitiativeState): Command[] {
  return [
    {
      kind: 'submitPlan',
      input: {
        actor: manager,
        plan: { measures: [{ title: 'x', kind: 'tool', department: 'it' }], tasks: [], trainees: [] },
      },
    },
    { kind: 'approvePlan', input: { actor: csLead, planVersion: state.plan?.version ?? 1 } },
    {
      kind: 'rejectPlan',
      input: { actor: csLead, planVersion: state.plan?.version ?? 1, reason: 'too expensive' },
    },
    { kind: 'completeTask', input: { actor: engineer, taskId: state.plan?.tasks[0]?.id ?? 'chatbot' } },
    {
      kind: 'completeTraining',
      input: { actor: agentAna, person: state.plan?.trainees[0]?.person ?? 'ana' },
    },
    { kind: 'pause', input: { actor: manager, reason: 'holiday season' } },
    { kind: 'resume', input: { actor: manager } },
    { kind: 'cancel', input: { actor: manager, reason: 'no longer needed' } },
    { kind: 'extendCycleLimit', input: { actor: manager, additionalCycles: 1 } },
  ];
}
