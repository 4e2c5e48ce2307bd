import { randomUUID } from 'node:crypto';
import { type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@cio/config';
import {
  approvePlanUpdate,
  cancelUpdate,
  completeTaskUpdate,
  completeTrainingUpdate,
  type InitiativeState,
  INITIATIVE_WORKFLOW_TYPE,
  rejectPlanUpdate,
  submitPlanUpdate,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { auditTrail, getInitiative } from '@cio/persistence';
import {
  changeBoard,
  csLead,
  eventually,
  itEngineer,
  manager,
  retailerCycle1Plan,
  retailerInitiative,
  samplesAround,
  startTimeSkippingServer,
  storeSamples,
  trainee,
} from '@cio/testing';
import { type InitiativeHarness, refusal, startInitiativeHarness } from '../support/initiative-harness';
import { recordHistories } from '../replay/record-histories';

// The retailer scenario (../shared/scenarios/retailer.md) against the time-skipping server, with
// the real activities on a real PostgreSQL: months of initiative time in seconds.
const DAY = 86_400_000;

/** An audit entry's details, as the scenario reads them back from the register. */
interface Audited {
  at: string;
  from: string;
  endsAt: string;
  [detail: string]: unknown;
}

describe('retailer scenario (time-skipping)', () => {
  let harness: InitiativeHarness;
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let config: AppConfig;

  beforeAll(async () => {
    harness = await startInitiativeHarness(startTimeSkippingServer, 'retailer');
    ({ env, dataSource, config } = harness);
  });

  afterAll(() => harness?.stop());

  it('runs from baseline through two cycles, sustain, regression and cancellation', async () => {
    const initiative = retailerInitiative(`retailer-${randomUUID().slice(0, 8)}`);
    const handle: WorkflowHandle = await env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      ...initiativeStartOptions(initiative),
    });
    // The Java test server can leave a query unanswered (and time-skipping locked) when it races a
    // workflow task, so this scenario reads what ops and reviewers read instead: the search
    // attributes, the state each update answers with, and the register. Queries are covered on the
    // dev server (initiative-messages.test.ts).
    const describe = () =>
      env.client.connection.withDeadline(Date.now() + 2_000, () =>
        env.client.workflow.getHandle(handle.workflowId).describe(),
      );
    const phaseIs = (phase: InitiativeState['phase'], cycle: number) =>
      eventually(async () => {
        const { searchAttributes } = await describe();
        expect([searchAttributes.CiPhase, searchAttributes.CiCycle]).toEqual([[phase], [cycle]]);
      });
    /** The latest audit entry of an action, once the workflow has written it. */
    const audited = (action: string, cycle: number, count = 1) =>
      eventually(async () => {
        const rows: { details: Record<string, unknown>; occurred_at: Date }[] = await dataSource.query(
          `SELECT details, occurred_at FROM audit_entries WHERE initiative_id = $1 AND action = $2 AND cycle = $3 ORDER BY id DESC`,
          [initiative.id, action, cycle],
        );
        expect(rows.length).toBeGreaterThanOrEqual(count); // the count-th entry of that action
        return { ...rows[0]!.details, at: rows[0]!.occurred_at.toISOString() } as Audited;
      });
    const push = (median: number, count: number, window: { from: string; to: string }) =>
      storeSamples(dataSource, initiative.id, 'response_minutes', samplesAround(median, count), window);
    const auditCount = async () =>
      Number(
        (
          await dataSource.query(`SELECT count(*) AS n FROM audit_entries WHERE initiative_id = $1`, [
            initiative.id,
          ])
        )[0].n,
      );

    // 1-2. Assess: 40 samples with median 12 during the assessment period.
    await audited('create-initiative', 1);
    await phaseIs('Assessing', 1);
    const started = (await describe()).startTime.getTime();
    // No plan before the baseline is recorded.
    expect(
      await refusal(
        handle.executeUpdate(submitPlanUpdate, {
          args: [
            {
              actor: manager,
              plan: { measures: [{ title: 'x', kind: 'tool', department: 'it' }], tasks: [], trainees: [] },
            },
          ],
        }),
      ),
    ).toBe('NOT_IN_PLANNING');
    await push(12, 40, {
      from: new Date(started + 60_000).toISOString(),
      to: new Date(started + 7 * DAY - 60_000).toISOString(),
    });
    await env.sleep(7 * DAY);
    await phaseIs('Planning', 1);
    const baseline = await audited('baseline-recorded', 1);
    expect(baseline.baseline).toEqual([
      expect.objectContaining({ kpi: 'response_minutes', value: 12, samples: 40 }),
    ]);

    // 3. Cycle 1 plan: a tool owned by it, agent training for alice, bob and chen.
    const cycle1Plan = retailerCycle1Plan(baseline.at);
    let current = await handle.executeUpdate(submitPlanUpdate, {
      args: [{ actor: manager, plan: cycle1Plan }],
    });
    expect(current.phase).toBe('AwaitingApproval');
    expect(current.plan?.version).toBe(1);
    expect(current.waitingOn.map((w) => w.who.role).sort()).toEqual(['change-board', 'cs-lead']);

    // 4. Refused: a role outside the policy, a rejection without reason. Nothing changes.
    const before = await auditCount();
    expect(
      await refusal(
        handle.executeUpdate(approvePlanUpdate, { args: [{ actor: itEngineer, planVersion: 1 }] }),
      ),
    ).toBe('ROLE_NOT_IN_POLICY');
    expect(
      await refusal(
        handle.executeUpdate(rejectPlanUpdate, {
          args: [{ actor: changeBoard, planVersion: 1, reason: ' ' }],
        }),
      ),
    ).toBe('REASON_REQUIRED');
    expect(await auditCount()).toBe(before); // refused: nothing applied, nothing recorded

    current = await handle.executeUpdate(rejectPlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 1, reason: 'no rollback plan' }],
    });
    expect(current.phase).toBe('Planning');
    expect(current.lastRejection).toEqual(
      expect.objectContaining({ role: 'change-board', reason: 'no rollback plan' }),
    );
    expect(current.plan?.decisions).toEqual([
      expect.objectContaining({ role: 'change-board', decision: 'rejected', planVersion: 1 }),
    ]);

    current = await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: cycle1Plan }] });
    expect(current.plan?.version).toBe(2);
    expect(current.plan?.decisions).toEqual([]);
    expect(
      await refusal(handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] })),
    ).toBe('PLAN_VERSION_SUPERSEDED');
    // The same approval twice with the same update id counts once and is answered the same way.
    const first = await handle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: csLead, planVersion: 2 }],
      updateId: 'approve-cs-lead-v2',
    });
    const again = await handle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: csLead, planVersion: 2 }],
      updateId: 'approve-cs-lead-v2',
    });
    expect(again).toEqual(first);
    expect(again.plan?.decisions).toHaveLength(1);
    current = await handle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 2 }],
    });
    expect(current.phase).toBe('Implementing');

    // Each wait that opened told the people it waits on (the email dispatcher sends these): each
    // plan version its approvers, the task its department, the training each trainee.
    const assignments = await eventually(async () => {
      const rows: { kind: string; to: string; subject: string }[] = await dataSource.query(
        `SELECT kind, COALESCE(recipient_role, recipient_person, recipient_department) AS to, facts->>'subject' AS subject
           FROM notifications
          WHERE initiative_id = $1 AND kind IN ('approval-requested', 'task-assigned', 'training-assigned')
          ORDER BY kind, subject, 2`,
        [initiative.id],
      );
      expect(rows).toHaveLength(8);
      return rows;
    });
    expect(assignments).toEqual([
      { kind: 'approval-requested', to: 'change-board', subject: 'plan version 1' },
      { kind: 'approval-requested', to: 'cs-lead', subject: 'plan version 1' },
      { kind: 'approval-requested', to: 'change-board', subject: 'plan version 2' },
      { kind: 'approval-requested', to: 'cs-lead', subject: 'plan version 2' },
      { kind: 'task-assigned', to: 'it', subject: 'automation-live' },
      { kind: 'training-assigned', to: 'alice', subject: 'alice' },
      { kind: 'training-assigned', to: 'bob', subject: 'bob' },
      { kind: 'training-assigned', to: 'chen', subject: 'chen' },
    ]);

    // 5. it confirms the system; alice and bob train; chen misses the deadline and is reminded.
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ actor: itEngineer, taskId: 'automation-live' }],
    });
    await handle.executeUpdate(completeTrainingUpdate, {
      args: [{ actor: trainee('alice'), person: 'alice' }],
    });
    current = await handle.executeUpdate(completeTrainingUpdate, {
      args: [{ actor: trainee('bob'), person: 'bob' }],
    });
    expect(current.waitingOn).toEqual([
      expect.objectContaining({
        kind: 'training',
        who: { person: 'chen', department: 'customer-service' },
        remindersSent: 0,
      }),
    ]);
    await env.sleep(11 * DAY);
    const nudged = await audited('implementation-nudged', 1);
    expect(nudged.nudges).toEqual([{ kind: 'training', id: 'chen', nudge: 'reminder', number: 1 }]);
    await phaseIs('Implementing', 1); // training is a hard gate: no window yet
    current = await handle.executeUpdate(completeTrainingUpdate, {
      args: [{ actor: trainee('chen'), person: 'chen' }],
    });
    expect(current.plan?.trainees.find((t) => t.person === 'chen')?.remindersSent).toBe(1);
    await phaseIs('Evaluating', 1);
    const window1 = await audited('evaluation-window-opened', 1);
    expect(Date.parse(window1.from)).toBeGreaterThanOrEqual(
      Date.parse(current.plan!.trainees.find((t) => t.person === 'chen')!.completedAt!),
    );

    // 6. Cycle 1 evaluation: 35 samples, median 6.5: better than 12, short of 5 -> cycle 2.
    await push(6.5, 35, { from: window1.from, to: window1.endsAt });
    await env.sleep(14 * DAY);
    await phaseIs('Planning', 2);
    expect((await audited('evaluation-recorded', 2)).evaluation).toEqual(
      expect.objectContaining({
        cycle: 1,
        met: false,
        kpis: [
          expect.objectContaining({
            baseline: 12,
            observed: 6.5,
            target: 5,
            samples: 35,
            verdict: 'not-met',
          }),
        ],
      }),
    );

    // 7. Cycle 2: intelligent handling of complex queries, approved by both, no training.
    await handle.executeUpdate(submitPlanUpdate, {
      args: [
        {
          actor: manager,
          plan: {
            measures: [{ title: 'intelligent handling of complex queries', kind: 'tool', department: 'it' }],
            tasks: [],
            trainees: [],
          },
        },
      ],
    });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: changeBoard, planVersion: 1 }] });

    await phaseIs('Evaluating', 2);
    const window2 = await audited('evaluation-window-opened', 2);
    await push(4.2, 32, { from: window2.from, to: window2.endsAt });
    await env.sleep(14 * DAY);
    await phaseIs('Sustaining', 2);
    const met = await audited('evaluation-recorded', 2, 2);
    expect(met.evaluation).toEqual(
      expect.objectContaining({
        cycle: 2,
        met: true,
        kpis: [expect.objectContaining({ observed: 4.2, samples: 32, verdict: 'met' })],
      }),
    );

    // 8. Follow-ups every 30 days: 4.5 holds, 7 regresses -> cycle 3 in planning.
    const followUpWindow = (recordedAt: string) => ({
      from: recordedAt,
      to: new Date(Date.parse(recordedAt) + 30 * DAY).toISOString(),
    });
    await push(4.5, 30, followUpWindow(met.at));
    await env.sleep(30 * DAY);
    const held = await audited('follow-up-recorded', 2);
    expect(held.review).toEqual(
      expect.objectContaining({
        kind: 'follow-up',
        met: true,
        kpis: [expect.objectContaining({ observed: 4.5 })],
      }),
    );
    await phaseIs('Sustaining', 2);
    await push(7, 30, followUpWindow(held.at));
    await env.sleep(30 * DAY);
    await phaseIs('Planning', 3);
    const second = await audited('follow-up-recorded', 3);
    expect(second.review).toEqual(
      expect.objectContaining({
        kind: 'follow-up',
        met: false,
        kpis: [expect.objectContaining({ observed: 7, verdict: 'not-met' })],
      }),
    );

    // 9. The manager cancels with a reason.
    current = await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: manager, reason: 'superseded by the contact-centre programme' }],
    });
    expect(current.closed).toEqual(
      expect.objectContaining({
        outcome: 'cancelled',
        reason: 'superseded by the contact-centre programme',
        by: 'maria',
      }),
    );
    const final = (await handle.result()) as InitiativeState;
    expect(final.phase).toBe('Closed');

    // The register holds the story in order, and chen's reminder went out.
    const trail: { cycle: number; action: string; actor: string }[] = await dataSource.query(
      `SELECT cycle, action, actor FROM audit_entries WHERE initiative_id = $1 ORDER BY occurred_at, cycle, sequence`,
      [initiative.id],
    );
    expect(trail.map((e) => `${e.cycle}:${e.action}`)).toEqual([
      '1:create-initiative',
      '1:baseline-recorded',
      '1:submit-plan',
      '1:reject-plan',
      '1:submit-plan',
      '1:approve-plan',
      '1:approve-plan',
      '1:complete-task',
      '1:complete-training',
      '1:complete-training',
      '1:implementation-nudged',
      '1:complete-training',
      '1:evaluation-window-opened',
      '2:evaluation-recorded',
      '2:submit-plan',
      '2:approve-plan',
      '2:approve-plan',
      '2:evaluation-window-opened',
      '2:evaluation-recorded',
      '2:follow-up-recorded',
      '3:follow-up-recorded',
      '3:cancel',
    ]);
    const notifications: { kind: string; recipient_person: string | null }[] = await dataSource.query(
      `SELECT kind, recipient_person FROM notifications WHERE initiative_id = $1 ORDER BY id`,
      [initiative.id],
    );
    expect(notifications).toEqual(
      expect.arrayContaining([{ kind: 'training-reminder', recipient_person: 'chen' }]),
    );
    expect(notifications.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['evaluation-ready', 'target-met', 'regression']),
    );
    // The register, as the gateway reads it, holds exactly the rows the scenario implies.
    const detail = await getInitiative(dataSource, 'all', initiative.id);
    expect(detail).toEqual(
      expect.objectContaining({ phase: 'Closed', cycle: 3, closedOutcome: 'cancelled', waitingOn: [] }),
    );
    expect(detail.baselines).toEqual([
      expect.objectContaining({ kpi: 'response_minutes', value: 12, samples: 40 }),
    ]);
    expect(detail.cycles.map((c) => [c.cycle, c.outcome])).toEqual([
      [1, 'not-met'],
      [2, 'met'],
      [3, 'cancelled'],
    ]);
    expect(
      detail.planVersions.map((p) => ({
        cycle: p.cycle,
        version: p.version,
        status: p.status,
        decisions: p.decisions.map((d) => [d.role, d.decision, d.decidedBy, d.reason]),
      })),
    ).toEqual([
      {
        cycle: 1,
        version: 1,
        status: 'rejected',
        decisions: [['change-board', 'rejected', 'omar', 'no rollback plan']],
      },
      {
        cycle: 1,
        version: 2,
        status: 'approved',
        decisions: [
          ['cs-lead', 'approved', 'li', null],
          ['change-board', 'approved', 'omar', null],
        ],
      },
      {
        cycle: 2,
        version: 1,
        status: 'approved',
        decisions: [
          ['cs-lead', 'approved', 'li', null],
          ['change-board', 'approved', 'omar', null],
        ],
      },
    ]);
    const approvedPlan = detail.planVersions[1]!;
    expect(approvedPlan.tasks).toEqual([
      expect.objectContaining({ id: 'automation-live', department: 'it', doneBy: 'ivan' }),
    ]);
    expect(approvedPlan.trainees.map((t) => [t.person, t.remindersSent, t.completedAt !== null])).toEqual([
      ['alice', 0, true],
      ['bob', 0, true],
      ['chen', 1, true],
    ]);
    expect(
      detail.evaluations.map((e) => [
        e.cycle,
        e.kind,
        e.reviewNumber,
        e.baseline,
        e.target,
        e.observed,
        e.samples,
        e.verdict,
      ]),
    ).toEqual([
      [1, 'evaluation', 0, 12, 5, 6.5, 35, 'not-met'],
      [2, 'evaluation', 0, 12, 5, 4.2, 32, 'met'],
      [2, 'follow-up', 1, 12, 5, 4.5, 30, 'met'],
      [2, 'follow-up', 2, 12, 5, 7, 30, 'not-met'],
    ]);
    // Each result says how sure it is: the change against the baseline, a test and an interval.
    const cycle1 = detail.evaluations[0]!;
    expect(cycle1).toEqual(
      expect.objectContaining({ aggregate: 'median', changeAbsolute: -5.5, test: 'mann-whitney-u' }),
    );
    expect(cycle1.changePercent).toBeCloseTo(-45.83, 2);
    expect(cycle1.pValue).toBeLessThan(0.001);
    expect(cycle1.ciLow).toBeLessThanOrEqual(-5.5);
    expect(cycle1.ciHigh).toBeGreaterThanOrEqual(-5.5);
    expect(detail.followUps.map((f) => [f.number, f.cycle, f.outcome])).toEqual([
      [1, 2, 'met'],
      [2, 2, 'regression'],
    ]);
    const cancelled = (await auditTrail(dataSource, initiative.id)).at(-1);
    expect(cancelled).toEqual(
      expect.objectContaining({
        action: 'cancel',
        actor: 'maria',
        role: 'improvement-manager',
        details: { reason: 'superseded by the contact-centre programme', outcome: 'cancelled' },
      }),
    );

    await recordHistories(env.client, handle.workflowId, 'retailer');
  });
});
