import { randomUUID } from 'node:crypto';
import { type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cio/config';
import {
  approvePlanUpdate,
  cancelUpdate,
  completeTaskUpdate,
  extendCycleLimitUpdate,
  getStateQuery,
  type InitiativeDefinition,
  type InitiativePolicy,
  type InitiativeState,
  INITIATIVE_WORKFLOW_TYPE,
  pauseUpdate,
  resumeUpdate,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import {
  changeBoard,
  connectToTestServer,
  csLead,
  eventually,
  itEngineer,
  manager,
  retailerInitiative,
  samplesAround,
  storeSamples,
} from '@cio/testing';
import { type InitiativeHarness, refusal, startInitiativeHarness } from '../support/initiative-harness';

// The initiative's messages on the real dev server (queries included), with the retailer's
// policy shortened to fractions of a second so that timers fire while the test watches.
const HOUR = 3_600_000;

function shortPolicy(overrides: Partial<InitiativePolicy> = {}): InitiativePolicy {
  const base = retailerInitiative('x').policy;
  return {
    ...base,
    approval: { ...base.approval, reminderIntervalMs: HOUR },
    assessmentPeriodMs: 300,
    evaluationWindowMs: 400,
    minSamples: 3,
    followUpIntervalMs: HOUR,
    implementationReminderIntervalMs: HOUR,
    ...overrides,
  };
}

const plan = (tasks: { id: string; department: string }[] = []) => ({
  measures: [{ title: 'automated customer service system', kind: 'tool' as const, department: 'it' }],
  tasks: tasks.map((t) => ({ ...t, title: t.id, dueAt: new Date(Date.now() + HOUR).toISOString() })),
  trainees: [],
});

describe('initiative messages on the dev server', () => {
  let harness: InitiativeHarness;
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let config: AppConfig;

  beforeAll(async () => {
    harness = await startInitiativeHarness(connectToTestServer, 'messages');
    ({ env, dataSource, config } = harness);
  });

  afterAll(() => harness?.stop());

  /** Starts an initiative and feeds its baseline, returning once it is in Planning. */
  async function startInPlanning(
    policy: InitiativePolicy,
  ): Promise<{ handle: WorkflowHandleWithFirstExecutionRunId; definition: InitiativeDefinition }> {
    const definition = { ...retailerInitiative(`msg-${randomUUID().slice(0, 8)}`), policy };
    const handle = await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      ...initiativeStartOptions(definition),
    });
    // Registered (the samples below need its row) once the creation is in the audit trail.
    const assessing = await eventually(async () => {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE initiative_id = $1`,
        [definition.id],
      );
      expect(row.n).toBeGreaterThanOrEqual(1);
      return handle.query(getStateQuery);
    });
    const window = assessing.assessmentWindow!;
    await storeSamples(dataSource, definition.id, 'response_minutes', samplesAround(12, 5), {
      from: window.from,
      to: window.endsAt,
    });
    await phase(handle, 'Planning');
    return { handle, definition };
  }

  const phase = (handle: WorkflowHandle, expected: InitiativeState['phase']) =>
    eventually(async () => {
      const state = await handle.query(getStateQuery);
      expect(state.phase).toBe(expected);
      return state;
    });

  it('answers the full state with what it waits on, and refused actions change nothing', async () => {
    const { handle } = await startInPlanning(shortPolicy());
    const submitted = await handle.executeUpdate(submitPlanUpdate, {
      args: [{ actor: manager, plan: plan() }],
    });
    const state = await handle.query(getStateQuery);
    expect(state).toEqual(submitted);
    // The update ids the workflow remembers stay inside it: not in answers, not in the history.
    expect(state).not.toHaveProperty('seenUpdateIds');
    expect(state.waitingOn).toEqual([
      expect.objectContaining({
        kind: 'approval',
        who: { role: 'cs-lead' },
        remindersSent: 0,
        escalatedTo: null,
        since: expect.any(String),
        dueAt: expect.any(String),
      }),
      expect.objectContaining({ kind: 'approval', who: { role: 'change-board' } }),
    ]);
    expect(Date.parse(state.waitingOn[0]!.dueAt!) - Date.parse(state.waitingOn[0]!.since)).toBe(HOUR);

    const refusals = await Promise.all([
      refusal(handle.executeUpdate(approvePlanUpdate, { args: [{ actor: itEngineer, planVersion: 1 }] })),
      refusal(handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 7 }] })),
      refusal(handle.executeUpdate(completeTaskUpdate, { args: [{ actor: itEngineer, taskId: 'x' }] })),
      refusal(handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: plan() }] })),
      refusal(handle.executeUpdate(pauseUpdate, { args: [{ actor: csLead, reason: 'holiday' }] })),
      refusal(handle.executeUpdate(resumeUpdate, { args: [{ actor: manager }] })),
      refusal(
        handle.executeUpdate(extendCycleLimitUpdate, { args: [{ actor: manager, additionalCycles: 0 }] }),
      ),
      refusal(
        handle.executeUpdate(approvePlanUpdate, {
          args: [{ actor: { user: '', role: 'cs-lead' }, planVersion: 1 }],
        }),
      ),
    ]);
    expect(refusals).toEqual([
      'ROLE_NOT_IN_POLICY',
      'PLAN_VERSION_SUPERSEDED',
      'NOT_IMPLEMENTING',
      'NOT_IN_PLANNING',
      'ROLE_NOT_ALLOWED',
      'NOT_PAUSED',
      'INVALID_INPUT',
      'INVALID_INPUT',
    ]);
    expect(await handle.query(getStateQuery)).toEqual(state);
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    expect(
      await refusal(handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] })),
    ).toBe('ROLE_ALREADY_DECIDED');
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: manager, reason: 'test over' }] });
    // A closed initiative's workflow has completed: the server itself refuses further updates.
    await expect(handle.executeUpdate(resumeUpdate, { args: [{ actor: manager }] })).rejects.toThrow(
      /already completed/,
    );
  });

  it('is findable in the Temporal UI from its start, and upserts only the search attributes that changed', async () => {
    const definition = { ...retailerInitiative(`msg-${randomUUID().slice(0, 8)}`), policy: shortPolicy() };
    const handle = await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      ...initiativeStartOptions(definition),
    });
    expect((await handle.describe()).searchAttributes).toMatchObject({
      CiPhase: ['Assessing'],
      CiCycle: [1],
      CiService: [definition.service],
      CiOwner: [definition.owner],
      CiDepartment: [definition.department],
      CiWaitingOn: [definition.department],
    });
    const { assessmentWindow } = await eventually(() => handle.query(getStateQuery));
    await storeSamples(dataSource, definition.id, 'response_minutes', samplesAround(12, 5), {
      from: assessmentWindow!.from,
      to: assessmentWindow!.endsAt,
    });
    // Planning as the UI sees it: the workflow has published it and waits for the plan. (Its state
    // says Planning a little earlier, while it still records the baseline; a plan that arrived
    // then would share that workflow task and its one upsert.)
    await eventually(async () =>
      expect((await handle.describe()).searchAttributes.CiPhase).toEqual(['Planning']),
    );
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: plan() }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: manager, reason: 'test over' }] });
    const { searchAttributes } = await handle.describe();
    expect(searchAttributes.CiPhase).toEqual(['Closed']);
    expect(searchAttributes.CiWaitingOn).toBeUndefined();

    // One upsert per change, naming only what changed: nothing at the start (the start carried
    // them), baseline -> Planning, the plan, the first approval, the cancellation.
    const upserts = ((await handle.fetchHistory()).events ?? [])
      .map((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields)
      .filter((fields) => !!fields)
      .map((fields) => Object.keys(fields).sort());
    expect(upserts).toEqual([
      ['CiPhase', 'CiWaitingOn'],
      ['CiPhase', 'CiWaitingOn'],
      ['CiWaitingOn'],
      ['CiPhase', 'CiWaitingOn'],
    ]);
  });

  it('reminds the roles that have not approved, then escalates to the policy role', async () => {
    const policy = shortPolicy();
    const { handle, definition } = await startInPlanning({
      ...policy,
      approval: { ...policy.approval, reminderIntervalMs: 250, maxReminders: 2 },
    });
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: plan() }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    const escalated = await eventually(async () => {
      const state = await handle.query(getStateQuery);
      expect(state.approvalReminders.escalated).toBe(true);
      return state;
    });
    expect(escalated.waitingOn).toEqual([
      expect.objectContaining({
        who: { role: 'change-board' },
        remindersSent: 2,
        escalatedTo: 'cio',
        dueAt: null,
      }),
    ]);
    const sent: { kind: string; recipient_role: string }[] = await dataSource.query(
      `SELECT kind, recipient_role FROM notifications WHERE initiative_id = $1 ORDER BY id`,
      [definition.id],
    );
    // Both approvers were told of the plan when it was submitted; then the one who did not decide.
    expect(sent.slice(0, 2).sort((a, b) => a.recipient_role.localeCompare(b.recipient_role))).toEqual([
      { kind: 'approval-requested', recipient_role: 'change-board' },
      { kind: 'approval-requested', recipient_role: 'cs-lead' },
    ]);
    expect(sent.slice(2)).toEqual([
      { kind: 'approval-reminder', recipient_role: 'change-board' },
      { kind: 'approval-reminder', recipient_role: 'change-board' },
      { kind: 'approval-escalation', recipient_role: 'cio' },
    ]);
    // The workflow publishes its search attributes when it next waits (after the escalation's
    // notification activity), and visibility follows the history: eventually, not at once.
    await eventually(async () => {
      const { searchAttributes } = await handle.describe();
      expect(searchAttributes.CiPhase).toEqual(['AwaitingApproval']);
      expect(searchAttributes.CiWaitingOn).toEqual(['change-board', 'cio']);
    });
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: manager, reason: 'test over' }] });
  });

  it('pauses the evaluation window and extends it by the paused time; cancel closes with the reason', async () => {
    const { handle } = await startInPlanning(shortPolicy({ evaluationWindowMs: HOUR }));
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: plan() }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: changeBoard, planVersion: 1 }] });
    const evaluating = await phase(handle, 'Evaluating');
    const paused = await handle.executeUpdate(pauseUpdate, {
      args: [{ actor: manager, reason: 'major incident' }],
    });
    expect(paused.phase).toBe('Paused');
    expect(paused.waitingOn).toEqual([
      expect.objectContaining({ kind: 'resume', who: { role: 'improvement-manager', person: 'maria' } }),
    ]);
    expect(
      await refusal(handle.executeUpdate(pauseUpdate, { args: [{ actor: manager, reason: 'again' }] })),
    ).toBe('NOT_PAUSABLE');
    const resumed = await handle.executeUpdate(resumeUpdate, { args: [{ actor: manager }] });
    expect(resumed.phase).toBe('Evaluating');
    const pausedMs = Date.parse(resumed.phaseSince) - Date.parse(paused.phaseSince);
    expect(
      Date.parse(resumed.evaluationWindow!.endsAt) - Date.parse(evaluating.evaluationWindow!.endsAt),
    ).toBe(pausedMs);
    const closed = await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: manager, reason: 'merged into another initiative' }],
    });
    expect(closed.closed).toEqual(
      expect.objectContaining({ outcome: 'cancelled', reason: 'merged into another initiative' }),
    );
    expect(((await handle.result()) as InitiativeState).phase).toBe('Closed');
  });

  it('extends a window short of samples once, then records the evaluation as inconclusive and escalates', async () => {
    const { handle, definition } = await startInPlanning(shortPolicy({ evaluationWindowMs: 300 }));
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: plan() }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: changeBoard, planVersion: 1 }] });
    const evaluating = await phase(handle, 'Evaluating');
    // Two samples where the policy needs three: never a silent pass.
    await storeSamples(dataSource, definition.id, 'response_minutes', [3, 4], {
      from: evaluating.evaluationWindow!.from,
      to: evaluating.evaluationWindow!.endsAt,
    });
    const next = await eventually(async () => {
      const state = await handle.query(getStateQuery);
      expect(state.cycle).toBe(2);
      return state;
    });
    expect(next.phase).toBe('Planning');
    expect(next.findings).toEqual(
      expect.objectContaining({
        met: false,
        inconclusive: true,
        kpis: [expect.objectContaining({ samples: 2, verdict: 'inconclusive' })],
      }),
    );
    // The window was extended once, by its own length.
    expect(Date.parse(next.findings!.to) - Date.parse(next.findings!.from)).toBe(600);
    const sent: { kind: string; recipient_role: string | null }[] = await dataSource.query(
      `SELECT kind, recipient_role FROM notifications WHERE initiative_id = $1 ORDER BY id`,
      [definition.id],
    );
    expect(sent).toEqual(
      expect.arrayContaining([{ kind: 'evaluation-inconclusive', recipient_role: 'cio' }]),
    );
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: manager, reason: 'test over' }] });
  });

  it('stops at the cycle limit for the manager, counts a retried update once across continue-as-new, and extends', async () => {
    const { handle, definition } = await startInPlanning(shortPolicy({ maxCycles: 1 }));
    await handle.executeUpdate(submitPlanUpdate, {
      args: [{ actor: manager, plan: plan([{ id: 'go-live', department: 'it' }]) }],
    });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: changeBoard, planVersion: 1 }] });
    const done = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ actor: itEngineer, taskId: 'go-live' }],
      updateId: 'go-live-1',
    });
    const evaluating = await phase(handle, 'Evaluating');
    await storeSamples(dataSource, definition.id, 'response_minutes', samplesAround(9, 5), {
      from: evaluating.evaluationWindow!.from,
      to: evaluating.evaluationWindow!.endsAt,
    });
    const limit = await phase(handle, 'CycleLimitReached');
    expect(limit.findings).toEqual(
      expect.objectContaining({
        met: false,
        kpis: [expect.objectContaining({ observed: 9, verdict: 'not-met' })],
      }),
    );
    // The run continued as new at the cycle boundary; the client's retry of an old update still counts once.
    await eventually(async () =>
      expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId),
    );
    const retried = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ actor: itEngineer, taskId: 'go-live' }],
      updateId: 'go-live-1',
    });
    expect(retried.phase).toBe('CycleLimitReached');
    expect(retried.plan?.tasks[0]?.doneAt).toBe(done.plan?.tasks[0]?.doneAt);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE initiative_id = $1 AND action = 'complete-task'`,
      [definition.id],
    );
    expect(n).toBe(1);

    const extended = await handle.executeUpdate(extendCycleLimitUpdate, {
      args: [{ actor: manager, additionalCycles: 1, reason: 'one more try' }],
    });
    expect(extended).toEqual(expect.objectContaining({ phase: 'Planning', cycle: 2, maxCycles: 2 }));
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: manager, reason: 'test over' }] });
  });
});
