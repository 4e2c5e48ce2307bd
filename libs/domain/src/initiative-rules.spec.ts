import {
  type Actor,
  type ApprovalPolicy,
  type ApprovePlanInput,
  type CancelInput,
  type CompleteTaskInput,
  type CompleteTrainingInput,
  type Evaluation,
  type ExtendCycleLimitInput,
  type InitiativeDefinition,
  InitiativeErrorCode,
  type InitiativeState,
  type PauseInput,
  type Phase,
  PHASES,
  type PlanInput,
  type Refusal,
  type RejectPlanInput,
  type ResumeInput,
  type SubmitPlanInput,
} from '@cio/contracts';
import fc from 'fast-check';
import { quorumReached } from './approval-policy';
import { definitionProblems } from './initiative-creation';
import {
  applyApprovePlan,
  applyCancel,
  applyCompleteTask,
  applyCompleteTraining,
  applyExtendCycleLimit,
  applyPause,
  applyRejectPlan,
  applyResume,
  applySubmitPlan,
  implementationComplete,
  initialState,
  openEvaluationWindow,
  recordBaseline,
  recordEvaluation,
  recordFollowUp,
  refuseApprovePlan,
  refuseCancel,
  refuseCompleteTask,
  refuseCompleteTraining,
  refuseExtendCycleLimit,
  refusePause,
  refuseRejectPlan,
  refuseResume,
  refuseSubmitPlan,
} from './initiative-rules';
import { canTransition, isPausable } from './phases';
import { approvalNudgeStart } from './waiting-on';
import { retailerDefinition } from './retailer.fixture';

const DAY = 86_400_000;
const BASE = Date.parse('2025-03-03T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const at = (days: number) => iso(BASE + days * DAY);

// ---------------------------------------------------------------------------------------------
// A small world: the retailer's initiative (copied, not imported: domain specs may not use
// @cio/testing), its people, and some who have no business acting on it.

const manager: Actor = { user: 'maria', role: 'improvement-manager', department: 'customer-service' };
const csLead: Actor = { user: 'li', role: 'cs-lead', department: 'customer-service' };
const changeBoard: Actor = { user: 'omar', role: 'change-board', department: 'it' };
const security: Actor = { user: 'sara', role: 'security', department: 'it' };
const engineer: Actor = { user: 'ivan', role: 'engineer', department: 'it' };
const agentAna: Actor = { user: 'ana', role: 'agent', department: 'customer-service' };
const agentBen: Actor = { user: 'ben', role: 'agent' };
const outsider: Actor = { user: 'eve', role: 'visitor', department: 'sales' };
const ACTORS = [manager, csLead, changeBoard, security, engineer, agentAna, agentBen, outsider];

const retailerPlan: PlanInput = {
  measures: [
    { title: 'Canned answers for the top 20 questions', kind: 'process', department: 'customer-service' },
  ],
  tasks: [{ id: 'chatbot', title: 'Deploy the FAQ chatbot', department: 'it', dueAt: at(30) }],
  trainees: [{ person: 'ana', department: 'customer-service', dueAt: at(28) }],
};

const baseline = [{ kpi: 'response_minutes', value: 12, samples: 40, from: at(0), to: at(7) }];

function evaluation(outcome: 'met' | 'not-met' | 'inconclusive', cycle: number): Evaluation {
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

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Actions and system events

type Outcome = 'met' | 'not-met' | 'inconclusive';

type Action =
  | { kind: 'submitPlan'; input: SubmitPlanInput }
  | { kind: 'approvePlan'; actor: Actor; version: number | null; comment?: string }
  | { kind: 'rejectPlan'; actor: Actor; version: number | null; reason: string }
  | { kind: 'completeTask'; actor: Actor; taskId: string | null }
  | { kind: 'completeTraining'; actor: Actor; person: string | null }
  | { kind: 'pause'; input: PauseInput }
  | { kind: 'resume'; input: ResumeInput }
  | { kind: 'cancel'; input: CancelInput }
  | { kind: 'extendCycleLimit'; input: ExtendCycleLimitInput }
  | { kind: 'system'; outcome: Outcome };

interface Step {
  action: Action;
  advanceMs: number;
}

const actorArb = fc.constantFrom(...ACTORS);
const approverArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(csLead, changeBoard, security) },
  { weight: 1, arbitrary: actorArb },
);
const managerMostlyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(manager) },
  { weight: 1, arbitrary: actorArb },
);
/** Mostly people who may record implementation progress (a department or a manager), some who may not. */
const workerArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(manager, engineer, csLead, agentAna) },
  { weight: 1, arbitrary: actorArb },
);
const reasonArb = fc.constantFrom('', '   ', 'waiting for the new release', ' budget freeze ');
/** null: the version currently awaiting approval (as a client would send it); else any number. */
const versionArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 5 }) },
);
const dueArb = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 60 }).map((d) => at(d)) },
  { weight: 1, arbitrary: fc.constant('not-a-date') },
);
const measureArb = fc.record({
  title: fc.constantFrom('FAQ chatbot', 'Canned answers', 'Shift plan'),
  kind: fc.constantFrom('process', 'tool', 'technology', 'resource', 'training'),
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
/** Any plan, valid or not (no measures, repeated ids or trainees, deadlines that are no dates). */
const anyPlanArb: fc.Arbitrary<PlanInput> = fc.record({
  measures: fc.array(measureArb, { maxLength: 2 }),
  tasks: fc.array(taskArb, { maxLength: 3 }),
  trainees: fc.array(traineeArb, { maxLength: 2 }),
});
/** Mostly well-formed plans, so that runs get past planning. */
const planArb: fc.Arbitrary<PlanInput> = fc.oneof(
  { weight: 1, arbitrary: anyPlanArb },
  {
    weight: 3,
    arbitrary: fc.record({
      measures: fc.array(measureArb, { minLength: 1, maxLength: 2 }),
      tasks: fc.uniqueArray(taskArb, { maxLength: 2, selector: (t) => t.id }),
      trainees: fc.uniqueArray(traineeArb, { maxLength: 2, selector: (t) => t.person }),
    }),
  },
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ actor: managerMostlyArb, plan: planArb })
      .map((input) => ({ kind: 'submitPlan' as const, input })),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({
        actor: approverArb,
        version: versionArb,
        comment: fc.option(fc.constant('ok'), { nil: undefined }),
      })
      .map(({ actor, version, comment }) => ({ kind: 'approvePlan' as const, actor, version, comment })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ actor: approverArb, version: versionArb, reason: reasonArb })
      .map((r) => ({ kind: 'rejectPlan' as const, ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ actor: workerArb, taskId: fc.constantFrom(null, null, 't1', 't2', 't3', 'nope') })
      .map((r) => ({ kind: 'completeTask' as const, ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ actor: workerArb, person: fc.constantFrom(null, null, 'ana', 'ben', 'carl', 'nobody') })
      .map((r) => ({ kind: 'completeTraining' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ actor: managerMostlyArb, reason: reasonArb })
      .map((input) => ({ kind: 'pause' as const, input })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ actor: managerMostlyArb }).map((input) => ({ kind: 'resume' as const, input })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ actor: actorArb, reason: reasonArb })
      .map((input) => ({ kind: 'cancel' as const, input })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        actor: managerMostlyArb,
        additionalCycles: fc.constantFrom(-1, 0, 1, 2, 1.5, 100, 101),
        reason: fc.option(reasonArb, { nil: undefined }),
      })
      .map((input) => ({ kind: 'extendCycleLimit' as const, input })),
  },
  {
    weight: 8,
    arbitrary: fc
      .constantFrom<Outcome>('met', 'met', 'not-met', 'inconclusive')
      .map((outcome) => ({ kind: 'system' as const, outcome })),
  },
);

const stepsArb = fc.array(fc.record({ action: actionArb, advanceMs: fc.integer({ min: 0, max: 3 * DAY }) }), {
  minLength: 1,
  maxLength: 120,
  size: 'max',
});

const definitionArb = fc.record({
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

/** The plan version a client would send: the one awaiting approval, or an explicit number. */
const versionFor = (state: InitiativeState, version: number | null) => version ?? state.plan?.version ?? 1;

/** A user action: validated by its refuse* rule, applied only when not refused. */
function attempt(state: InitiativeState, action: Exclude<Action, { kind: 'system' }>, now: string) {
  const guarded = (refusal: Refusal | null, apply: () => InitiativeState) => ({
    refusal,
    next: refusal ? state : apply(),
  });
  switch (action.kind) {
    case 'submitPlan':
      return guarded(refuseSubmitPlan(state, action.input), () => applySubmitPlan(state, action.input, now));
    case 'approvePlan': {
      const input: ApprovePlanInput = {
        actor: action.actor,
        planVersion: versionFor(state, action.version),
        ...(action.comment ? { comment: action.comment } : {}),
      };
      return guarded(refuseApprovePlan(state, input), () => applyApprovePlan(state, input, now));
    }
    case 'rejectPlan': {
      const input: RejectPlanInput = {
        actor: action.actor,
        planVersion: versionFor(state, action.version),
        reason: action.reason,
      };
      return guarded(refuseRejectPlan(state, input), () => applyRejectPlan(state, input, now));
    }
    case 'completeTask': {
      const taskId = action.taskId ?? state.plan?.tasks.find((t) => !t.doneAt)?.id ?? 't1';
      const input: CompleteTaskInput = { actor: action.actor, taskId };
      return guarded(refuseCompleteTask(state, input), () => applyCompleteTask(state, input, now));
    }
    case 'completeTraining': {
      const person = action.person ?? state.plan?.trainees.find((t) => !t.completedAt)?.person ?? 'ana';
      const input: CompleteTrainingInput = { actor: action.actor, person };
      return guarded(refuseCompleteTraining(state, input), () => applyCompleteTraining(state, input, now));
    }
    case 'pause':
      return guarded(refusePause(state, action.input), () => applyPause(state, action.input, now));
    case 'resume':
      return guarded(refuseResume(state, action.input), () => applyResume(state, now));
    case 'cancel':
      return guarded(refuseCancel(state, action.input), () => applyCancel(state, action.input, now));
    case 'extendCycleLimit':
      return guarded(refuseExtendCycleLimit(state, action.input), () =>
        applyExtendCycleLimit(state, action.input),
      );
  }
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

/** Every user action, with inputs that would be accepted in the right phase, for the Closed check. */
function everyAction(state: InitiativeState): Exclude<Action, { kind: 'system' }>[] {
  return [
    { kind: 'submitPlan', input: { actor: manager, plan: retailerPlan } },
    { kind: 'approvePlan', actor: csLead, version: null },
    { kind: 'rejectPlan', actor: csLead, version: null, reason: 'too expensive' },
    { kind: 'completeTask', actor: manager, taskId: state.plan?.tasks[0]?.id ?? 'chatbot' },
    { kind: 'completeTraining', actor: manager, person: state.plan?.trainees[0]?.person ?? 'ana' },
    { kind: 'pause', input: { actor: manager, reason: 'holiday season' } },
    { kind: 'resume', input: { actor: manager } },
    { kind: 'cancel', input: { actor: manager, reason: 'no longer needed' } },
    { kind: 'extendCycleLimit', input: { actor: manager, additionalCycles: 1 } },
  ];
}

interface RunOptions {
  /** Whether the model may send extendCycleLimit while the initiative is paused (see the skipped spec). */
  extendWhilePaused: boolean;
  /** Whether CycleLimitReached must mean cycle === maxCycles (broken by extending while paused). */
  strictCycleLimit: boolean;
}

/** A cheap assertion for the hot loop (thousands of steps per property); fast-check reports the case. */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

const ERROR_CODES: readonly string[] = Object.values(InitiativeErrorCode);

/** Runs the steps, asserting the lifecycle's invariants after each; returns the phases visited. */
function run(definition: InitiativeDefinition, steps: readonly Step[], options: RunOptions): Set<Phase> {
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
      const { refusal, next } = attempt(before, action, now);
      if (refusal) {
        // Refused: nothing changes, and the refusal says why with a known code.
        check(ERROR_CODES.includes(refusal.code) && refusal.message !== '', () => `${where()}: bad refusal`);
        check(
          next === before && JSON.stringify(before) === snapshot,
          () => `${where()}: refused but changed`,
        );
      }
      if (before.phase === 'Closed') {
        check(refusal?.code === InitiativeErrorCode.INITIATIVE_CLOSED, () => `${where()}: ${refusal?.code}`);
      }
      if (action.kind === 'resume' && !refusal) {
        check(next.phase === before.paused?.resumeTo, () => `${where()}: resumed to ${next.phase}`);
      }
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
): void {
  const fail = (what: string) => () => `${where()} -> ${after.phase}: ${what}`;
  // Only legal moves of the lifecycle.
  check(PHASES.includes(after.phase), fail('unknown phase'));
  check(after.phase === before.phase || canTransition(before.phase, after.phase), fail('illegal transition'));

  // Cycles only go forward, and only up to the limit.
  check(after.cycle >= before.cycle && after.cycle >= 1, fail(`cycle ${before.cycle} -> ${after.cycle}`));
  check(after.maxCycles >= before.maxCycles, fail(`maxCycles ${before.maxCycles} -> ${after.maxCycles}`));
  check(after.cycle <= after.maxCycles, fail(`cycle ${after.cycle} > maxCycles ${after.maxCycles}`));
  if (after.phase === 'CycleLimitReached' && options.strictCycleLimit) {
    check(
      after.cycle === after.maxCycles,
      fail(`limit reached at cycle ${after.cycle} of ${after.maxCycles}`),
    );
  }

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
      fail('a decision of another version or role is kept'),
    );
    check(
      new Set(plan.decisions.map((d) => d.role)).size === plan.decisions.length,
      fail('a role decided twice'),
    );
  }
  const phase = after.phase === 'Paused' ? after.paused?.resumeTo : after.phase;
  if (phase === 'AwaitingApproval') {
    check(
      !!plan &&
        !quorumReached(policy, plan.decisions, plan.version) &&
        plan.decisions.every((d) => d.decision === 'approved') &&
        plan.approvedAt === null,
      fail('awaits approval of a decided plan'),
    );
  }
  if (phase === 'Implementing' || phase === 'Evaluating' || phase === 'Sustaining') {
    check(
      !!plan && quorumReached(policy, plan.decisions, plan.version) && plan.approvedAt !== null,
      fail('works on a plan without a quorum of approvals for its version'),
    );
  }
  if (before.plan && after.plan && after.plan.cycle === before.plan.cycle) {
    // A plan of the same cycle is either the same version (decided on) or the next one.
    const delta = after.plan.version - before.plan.version;
    check(delta === 0 || delta === 1, fail(`plan v${before.plan.version} -> v${after.plan.version}`));
  }

  // A closed initiative refuses everything as closed (later steps check the generated action).
  if (after.phase === 'Closed' && before.phase !== 'Closed') {
    for (const action of everyAction(after)) {
      const code = attempt(after, action, at(999)).refusal?.code;
      check(code === InitiativeErrorCode.INITIATIVE_CLOSED, fail(`${action.kind} refused with ${code}`));
    }
  }
}

describe('initiative rules: lifecycle property', () => {
  it('no sequence of actions and system events reaches an illegal phase or breaks an invariant', () => {
    const visited = new Set<Phase>();
    fc.assert(
      fc.property(definitionArb, stepsArb, (def, steps) => {
        const definition = retailerDefinition(def.approval, def);
        expect(definitionProblems(definition)).toEqual([]);
        const phases = run(definition, steps, { extendWhilePaused: false, strictCycleLimit: true });
        for (const phase of phases) visited.add(phase);
      }),
      { numRuns: 300 },
    );
    // The property is not vacuous: the generated runs walk the whole lifecycle.
    expect([...visited].sort()).toEqual([...PHASES].sort());
  });

  it('keeps every other invariant when the cycle limit is also extended while paused', () => {
    fc.assert(
      fc.property(definitionArb, stepsArb, (def, steps) => {
        run(retailerDefinition(def.approval, def), steps, {
          extendWhilePaused: true,
          strictCycleLimit: true,
        });
      }),
      { numRuns: 200 },
    );
  });

  // Found by the property above with strictCycleLimit (fixed): extending the cycle limit while
  // paused at the limit used to leave the initiative in CycleLimitReached on resume.
  it('extending the cycle limit while paused at the limit lets the initiative plan again on resume', () => {
    const definition = retailerDefinition(
      { mode: 'any', roles: ['cs-lead', 'change-board', 'security'] },
      { maxCycles: 1 },
    );
    let s = recordBaseline(initialState(definition, at(0)), baseline);
    s = applySubmitPlan(s, { actor: manager, plan: { ...retailerPlan, tasks: [], trainees: [] } }, at(8));
    s = applyApprovePlan(s, { actor: csLead, planVersion: 1 }, at(9));
    s = openEvaluationWindow(s, at(9), definition.policy.evaluationWindowMs);
    s = recordEvaluation(s, evaluation('inconclusive', 1), at(23));
    expect(s).toMatchObject({ phase: 'CycleLimitReached', cycle: 1, maxCycles: 1 });
    s = applyPause(s, { actor: manager, reason: 'budget review' }, at(24));
    expect(refuseExtendCycleLimit(s, { actor: manager, additionalCycles: 1 })).toBeNull();
    s = applyExtendCycleLimit(s, { actor: manager, additionalCycles: 1 });
    s = applyResume(s, at(25));
    expect(s).toMatchObject({ phase: 'Planning', cycle: 2, maxCycles: 2 });
  });
});

// ---------------------------------------------------------------------------------------------
// Example-based specs of the same rules, on the retailer's numbers

/** Drives the retailer initiative to the given phase through the rules themselves. */
function retailerIn(
  phase: 'Planning' | 'AwaitingApproval' | 'Implementing' | 'Evaluating' | 'Sustaining',
  definition = retailerDefinition(),
): InitiativeState {
  let s = recordBaseline(initialState(definition, at(0)), baseline);
  if (phase === 'Planning') return s;
  s = applySubmitPlan(s, { actor: manager, plan: retailerPlan }, at(8));
  if (phase === 'AwaitingApproval') return s;
  s = applyApprovePlan(s, { actor: csLead, planVersion: 1 }, at(9));
  s = applyApprovePlan(s, { actor: changeBoard, planVersion: 1 }, at(10));
  if (phase === 'Implementing') return s;
  s = applyCompleteTask(s, { actor: engineer, taskId: 'chatbot' }, at(20));
  s = applyCompleteTraining(s, { actor: agentAna, person: 'ana' }, at(21));
  s = openEvaluationWindow(s, at(21), definition.policy.evaluationWindowMs);
  if (phase === 'Evaluating') return s;
  return recordEvaluation(s, evaluation('met', s.cycle), at(35));
}

describe('initiative rules: examples', () => {
  it('walks the retailer through assessment, planning, approval, implementation and evaluation', () => {
    const start = initialState(retailerDefinition(), at(0));
    expect(start).toMatchObject({ phase: 'Assessing', cycle: 1, maxCycles: 3 });
    expect(start.assessmentWindow?.endsAt).toBe(at(7));

    const awaiting = retailerIn('AwaitingApproval');
    expect(awaiting.phase).toBe('AwaitingApproval');
    expect(awaiting.plan).toMatchObject({ version: 1, cycle: 1, submittedBy: 'maria', decisions: [] });
    expect(awaiting.approvalReminders).toEqual({ remindersSent: 0, escalated: false, since: at(8) });

    const halfApproved = applyApprovePlan(awaiting, { actor: csLead, planVersion: 1 }, at(9));
    expect(halfApproved.phase).toBe('AwaitingApproval');
    const implementing = retailerIn('Implementing');
    expect(implementing.phase).toBe('Implementing');
    expect(implementing.plan?.approvedAt).toBe(at(10));
    expect(implementationComplete(implementing)).toBe(false);

    const evaluating = retailerIn('Evaluating');
    expect(evaluating.phase).toBe('Evaluating');
    expect(evaluating.evaluationWindow).toEqual({ from: at(21), endsAt: at(35), extended: false });

    const sustaining = retailerIn('Sustaining');
    expect(sustaining.phase).toBe('Sustaining');
    expect(sustaining.followUps).toEqual({ done: 0, metInARow: 0, nextAt: at(65) });
  });

  it('counts approvals only for the version awaiting approval', () => {
    const awaiting = retailerIn('AwaitingApproval');
    const approvedByLead = applyApprovePlan(awaiting, { actor: csLead, planVersion: 1 }, at(9));
    const rejected = applyRejectPlan(
      approvedByLead,
      { actor: changeBoard, planVersion: 1, reason: ' cost ' },
      at(9),
    );
    expect(rejected.phase).toBe('Planning');
    expect(rejected.lastRejection).toMatchObject({ role: 'change-board', reason: 'cost', planVersion: 1 });

    const v2 = applySubmitPlan(rejected, { actor: manager, plan: retailerPlan }, at(11));
    expect(v2.plan).toMatchObject({ version: 2, decisions: [] });
    expect(refuseApprovePlan(v2, { actor: csLead, planVersion: 1 })?.code).toBe(
      InitiativeErrorCode.PLAN_VERSION_SUPERSEDED,
    );
    // The lead's approval of version 1 does not carry over: one approval of v2 is not enough.
    const onlyBoard = applyApprovePlan(v2, { actor: changeBoard, planVersion: 2 }, at(12));
    expect(onlyBoard.phase).toBe('AwaitingApproval');
    expect(applyApprovePlan(onlyBoard, { actor: csLead, planVersion: 2 }, at(13)).phase).toBe('Implementing');
  });

  it('refuses decisions from outside the policy, twice from one role, and rejections without reason', () => {
    const awaiting = retailerIn('AwaitingApproval');
    expect(refuseApprovePlan(awaiting, { actor: engineer, planVersion: 1 })?.code).toBe(
      InitiativeErrorCode.ROLE_NOT_IN_POLICY,
    );
    const once = applyApprovePlan(awaiting, { actor: csLead, planVersion: 1 }, at(9));
    expect(refuseApprovePlan(once, { actor: csLead, planVersion: 1 })?.code).toBe(
      InitiativeErrorCode.ROLE_ALREADY_DECIDED,
    );
    expect(refuseRejectPlan(awaiting, { actor: changeBoard, planVersion: 1, reason: '  ' })?.code).toBe(
      InitiativeErrorCode.REASON_REQUIRED,
    );
    expect(refuseApprovePlan(retailerIn('Planning'), { actor: csLead, planVersion: 1 })?.code).toBe(
      InitiativeErrorCode.PLAN_NOT_AWAITING_APPROVAL,
    );
  });

  it('approves with a quorum of 2 of 3 roles', () => {
    const definition = retailerDefinition({
      mode: 'quorum',
      roles: ['cs-lead', 'change-board', 'security'],
      quorum: 2,
    });
    const awaiting = retailerIn('AwaitingApproval', definition);
    const one = applyApprovePlan(awaiting, { actor: security, planVersion: 1 }, at(9));
    expect(one.phase).toBe('AwaitingApproval');
    expect(applyApprovePlan(one, { actor: changeBoard, planVersion: 1 }, at(10)).phase).toBe('Implementing');
  });

  it('lets the task department, the trainee or a manager record implementation progress', () => {
    const implementing = retailerIn('Implementing');
    expect(refuseCompleteTask(implementing, { actor: csLead, taskId: 'chatbot' })?.code).toBe(
      InitiativeErrorCode.DEPARTMENT_NOT_RESPONSIBLE,
    );
    expect(refuseCompleteTask(implementing, { actor: engineer, taskId: 'chatbot' })).toBeNull();
    expect(refuseCompleteTask(implementing, { actor: manager, taskId: 'chatbot' })).toBeNull();
    expect(refuseCompleteTask(implementing, { actor: engineer, taskId: 'nope' })?.code).toBe(
      InitiativeErrorCode.TASK_NOT_FOUND,
    );
    expect(refuseCompleteTraining(implementing, { actor: outsider, person: 'ana' })?.code).toBe(
      InitiativeErrorCode.NOT_THE_TRAINEE,
    );
    expect(refuseCompleteTraining(implementing, { actor: agentAna, person: 'ana' })).toBeNull();
    const done = applyCompleteTask(implementing, { actor: engineer, taskId: 'chatbot' }, at(20));
    expect(done.plan?.tasks[0]).toMatchObject({ doneAt: at(20), doneBy: 'ivan' });
    expect(refuseCompleteTask(done, { actor: engineer, taskId: 'chatbot' })?.code).toBe(
      InitiativeErrorCode.TASK_ALREADY_DONE,
    );
  });

  it('starts the next cycle when the target is missed, and stops at the cycle limit', () => {
    const definition = retailerDefinition({}, { maxCycles: 2 });
    const evaluating = retailerIn('Evaluating', definition);
    const cycle2 = recordEvaluation(evaluating, evaluation('not-met', 1), at(35));
    expect(cycle2).toMatchObject({ phase: 'Planning', cycle: 2, plan: null });
    expect(cycle2.findings?.met).toBe(false);

    let s = applySubmitPlan(cycle2, { actor: manager, plan: retailerPlan }, at(36));
    expect(s.plan).toMatchObject({ version: 1, cycle: 2 });
    s = applyApprovePlan(s, { actor: csLead, planVersion: 1 }, at(37));
    s = applyApprovePlan(s, { actor: changeBoard, planVersion: 1 }, at(37));
    s = applyCompleteTask(s, { actor: engineer, taskId: 'chatbot' }, at(38));
    s = applyCompleteTraining(s, { actor: agentAna, person: 'ana' }, at(38));
    s = openEvaluationWindow(s, at(38), definition.policy.evaluationWindowMs);
    const limit = recordEvaluation(s, evaluation('inconclusive', 2), at(52));
    expect(limit).toMatchObject({ phase: 'CycleLimitReached', cycle: 2, maxCycles: 2 });

    const extended = applyExtendCycleLimit(limit, { actor: manager, additionalCycles: 1 });
    expect(extended).toMatchObject({ phase: 'Planning', cycle: 3, maxCycles: 3, plan: null });
    const cancelled = applyCancel(limit, { actor: manager, reason: ' enough ' }, at(53));
    expect(cancelled.closed).toEqual({
      outcome: 'cycle-limit-reached',
      reason: 'enough',
      by: 'maria',
      at: at(53),
    });
  });

  it('closes as completed after the configured number of met follow-ups', () => {
    const definition = retailerDefinition({}, { followUpsToComplete: 2 });
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
    expect(closed.phase).toBe('Closed');
    expect(closed.closed).toMatchObject({ outcome: 'completed', by: 'system', at: at(125) });
    for (const action of everyAction(closed)) {
      expect(attempt(closed, action, at(126)).refusal?.code).toBe(InitiativeErrorCode.INITIATIVE_CLOSED);
    }
    const regressed = recordFollowUp(one, review('not-met'), at(95));
    expect(regressed).toMatchObject({ phase: 'Planning', cycle: 2, followUps: { done: 2, metInARow: 0 } });
  });

  it('refuses everything but resume and cancel while paused, and manager actions from other roles', () => {
    const paused = applyPause(
      retailerIn('Implementing'),
      { actor: manager, reason: ' peak season ' },
      at(12),
    );
    expect(paused.paused).toEqual({
      since: at(12),
      by: manager,
      reason: 'peak season',
      resumeTo: 'Implementing',
    });
    expect(refuseCompleteTask(paused, { actor: engineer, taskId: 'chatbot' })?.code).toBe(
      InitiativeErrorCode.INITIATIVE_PAUSED,
    );
    expect(refusePause(paused, { actor: manager, reason: 'again' })?.code).toBe(
      InitiativeErrorCode.NOT_PAUSABLE,
    );
    expect(refuseResume(paused, { actor: csLead })?.code).toBe(InitiativeErrorCode.ROLE_NOT_ALLOWED);
    expect(refuseResume(paused, { actor: manager })).toBeNull();
    expect(refuseResume(retailerIn('Planning'), { actor: manager })?.code).toBe(
      InitiativeErrorCode.NOT_PAUSED,
    );
    expect(refuseCancel(paused, { actor: manager, reason: '' })?.code).toBe(
      InitiativeErrorCode.REASON_REQUIRED,
    );
    expect(refuseSubmitPlan(retailerIn('Planning'), { actor: csLead, plan: retailerPlan })?.code).toBe(
      InitiativeErrorCode.ROLE_NOT_ALLOWED,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Resume: every pending deadline moves by the time spent paused

const RESUMABLE = PHASES.filter((p) => isPausable(p));
const ms = (iso: string) => Date.parse(iso);

interface Deadline {
  due: number;
  done: boolean;
}
/** A paused initiative, as offsets in ms from BASE; null: that deadline is not pending. */
interface ResumeCase {
  resumeTo: Phase;
  pausedAt: number;
  pausedMs: number;
  tasks: Deadline[];
  trainees: Deadline[];
  assessmentEnds: number | null;
  evaluationEnds: number | null;
  followUpAt: number | null;
  approvalSince: number | null;
}

const resumeCaseArb: fc.Arbitrary<ResumeCase> = fc.record({
  resumeTo: fc.constantFrom(...RESUMABLE),
  pausedAt: fc.integer({ min: 0, max: 60 * DAY }),
  pausedMs: fc.integer({ min: 0, max: 120 * DAY }),
  tasks: fc.array(fc.record({ due: fc.integer({ min: 0, max: 90 * DAY }), done: fc.boolean() }), {
    maxLength: 4,
  }),
  trainees: fc.array(fc.record({ due: fc.integer({ min: 0, max: 90 * DAY }), done: fc.boolean() }), {
    maxLength: 4,
  }),
  assessmentEnds: fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null }),
  evaluationEnds: fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null }),
  followUpAt: fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null }),
  approvalSince: fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null }),
});

function pausedState(c: ResumeCase): InitiativeState {
  const start = initialState(retailerDefinition(), iso(BASE));
  return deepFreeze({
    ...start,
    phase: 'Paused',
    plan: {
      version: 1,
      cycle: 1,
      submittedBy: 'maria',
      submittedAt: iso(BASE),
      measures: retailerPlan.measures,
      tasks: c.tasks.map((t, i) => ({
        id: `t${i}`,
        title: 'a task',
        department: 'it',
        dueAt: iso(BASE + t.due),
        doneAt: t.done ? iso(BASE + 1) : null,
        doneBy: t.done ? 'ivan' : null,
        remindersSent: 0,
        escalated: false,
      })),
      trainees: c.trainees.map((t, i) => ({
        person: `p${i}`,
        department: 'customer-service',
        dueAt: iso(BASE + t.due),
        completedAt: t.done ? iso(BASE + 2) : null,
        remindersSent: 1,
        escalated: false,
      })),
      decisions: [],
      approvedAt: null,
    },
    assessmentWindow:
      c.assessmentEnds === null
        ? null
        : { from: iso(BASE), endsAt: iso(BASE + c.assessmentEnds), extended: false },
    evaluationWindow:
      c.evaluationEnds === null
        ? null
        : { from: iso(BASE), endsAt: iso(BASE + c.evaluationEnds), extended: true },
    followUps: { done: 2, metInARow: 1, nextAt: c.followUpAt === null ? null : iso(BASE + c.followUpAt) },
    approvalReminders: {
      remindersSent: 2,
      escalated: false,
      since: c.approvalSince === null ? null : iso(BASE + c.approvalSince),
    },
    paused: { since: iso(BASE + c.pausedAt), by: manager, reason: 'peak season', resumeTo: c.resumeTo },
  });
}

/** A deadline moved by exactly `by` ms, or still absent. */
function expectShifted(after: string | null | undefined, before: string | null | undefined, by: number) {
  if (before === null || before === undefined) expect(after ?? null).toBeNull();
  else expect(ms(after ?? 'missing') - ms(before)).toBe(by);
}

describe('initiative rules: resume', () => {
  it('shifts every pending deadline by exactly the paused duration and returns to the paused-from phase', () => {
    fc.assert(
      fc.property(resumeCaseArb, (c) => {
        const paused = pausedState(c);
        const resumed = applyResume(paused, iso(BASE + c.pausedAt + c.pausedMs));
        const d = c.pausedMs;

        expect(resumed.phase).toBe(c.resumeTo);
        expect(resumed.paused).toBeNull();

        const tasksBefore = paused.plan?.tasks ?? [];
        const tasksAfter = resumed.plan?.tasks ?? [];
        expect(tasksAfter).toHaveLength(tasksBefore.length);
        tasksBefore.forEach((t, i) => {
          const after = tasksAfter[i];
          expect({ ...after, dueAt: null }).toEqual({ ...t, dueAt: null });
          expectShifted(after?.dueAt, t.dueAt, t.doneAt ? 0 : d);
        });
        const traineesBefore = paused.plan?.trainees ?? [];
        const traineesAfter = resumed.plan?.trainees ?? [];
        expect(traineesAfter).toHaveLength(traineesBefore.length);
        traineesBefore.forEach((t, i) => {
          const after = traineesAfter[i];
          expect({ ...after, dueAt: null }).toEqual({ ...t, dueAt: null });
          expectShifted(after?.dueAt, t.dueAt, t.completedAt ? 0 : d);
        });

        expectShifted(resumed.evaluationWindow?.endsAt, paused.evaluationWindow?.endsAt, d);
        expect(resumed.evaluationWindow?.from).toBe(paused.evaluationWindow?.from);
        expectShifted(resumed.assessmentWindow?.endsAt, paused.assessmentWindow?.endsAt, d);
        expectShifted(resumed.followUps.nextAt, paused.followUps.nextAt, d);
        expectShifted(resumed.approvalReminders.since, paused.approvalReminders.since, d);
        expectShifted(approvalNudgeStart(resumed), approvalNudgeStart(paused), d);

        // Nothing else moves.
        expect(resumed).toMatchObject({
          cycle: paused.cycle,
          maxCycles: paused.maxCycles,
          baseline: paused.baseline,
          evaluations: paused.evaluations,
          followUps: { done: paused.followUps.done, metInARow: paused.followUps.metInARow },
          approvalReminders: { remindersSent: 2, escalated: false },
          phaseSince: paused.phaseSince,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('does not move deadlines backwards when the clock reads before the pause', () => {
    const paused = pausedState({
      resumeTo: 'Evaluating',
      pausedAt: 10 * DAY,
      pausedMs: 0,
      tasks: [],
      trainees: [],
      assessmentEnds: null,
      evaluationEnds: 20 * DAY,
      followUpAt: null,
      approvalSince: null,
    });
    const resumed = applyResume(paused, iso(BASE + 9 * DAY));
    expect(resumed.evaluationWindow?.endsAt).toBe(iso(BASE + 20 * DAY));
    expect(resumed.phase).toBe('Evaluating');
  });

  it('pausing and resuming through the rules moves the retailer task deadline by the pause', () => {
    const implementing = retailerIn('Implementing');
    const paused = applyPause(implementing, { actor: manager, reason: 'peak season' }, at(12));
    const resumed = applyResume(paused, at(22));
    expect(resumed.phase).toBe('Implementing');
    expect(resumed.plan?.tasks[0]?.dueAt).toBe(at(40));
    expect(resumed.plan?.trainees[0]?.dueAt).toBe(at(38));
  });
});
