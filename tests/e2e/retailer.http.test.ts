import { randomUUID } from 'node:crypto';
import { eventually, samplesAround } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// The retailer scenario (../shared/scenarios/retailer.md) through the gateway's HTTP API, against
// the real dev server, worker and PostgreSQL. Windows and intervals are seconds instead of days.
const SECOND = 1_000;

describe('retailer scenario over HTTP', () => {
  let gw: GatewayHarness;
  const tokens: Record<keyof typeof people, string> = {} as never;

  beforeAll(async () => {
    gw = await startGatewayHarness('retailer-http');
    for (const [name, claims] of Object.entries(people)) {
      tokens[name as keyof typeof people] = await gw.token(claims);
    }
  });
  afterAll(() => gw?.stop());

  it('runs from baseline through two cycles, sustain, regression and cancellation', async () => {
    const id = `retail-${randomUUID().slice(0, 8)}`;
    const as = (who: keyof typeof people) => tokens[who];
    const post = (
      who: keyof typeof people,
      path: string,
      body: unknown = {},
      headers: Record<string, string> = {},
    ) => gw.call('POST', `/initiatives/${id}${path}`, { token: as(who), body, headers });
    const state = async () => (await gw.call('GET', `/initiatives/${id}`, { token: as('maria') })).body;
    const phaseIs = (phase: string, cycle: number) =>
      eventually(async () => {
        const current = await state();
        expect([current.state.phase, current.state.cycle]).toEqual([phase, cycle]);
        return current;
      }, 60_000);
    const push = async (median: number, count: number) => {
      const observedAt = new Date().toISOString();
      const samples = samplesAround(median, count).map((value, i) => ({
        kpi: 'response_minutes',
        value,
        observedAt,
        clientKey: `${median}-${i}`,
      }));
      const response = await post('monitor', '/measurements', { samples });
      expect(response.body).toEqual({ received: count, accepted: count, duplicates: 0 });
    };

    // 1. The improvement manager creates the initiative (policy shortened to seconds).
    const created = await gw.call('POST', '/initiatives', {
      token: as('maria'),
      body: {
        ...retailerBody(id, {
          assessmentPeriodMs: 4 * SECOND,
          evaluationWindowMs: 4 * SECOND,
          followUpIntervalMs: 4 * SECOND,
          implementationReminderIntervalMs: 1 * SECOND,
        }),
        policy: {
          ...retailerBody(id).policy,
          approval: { ...retailerBody(id).policy.approval, reminderIntervalMs: 120 * SECOND },
          assessmentPeriodMs: 4 * SECOND,
          evaluationWindowMs: 4 * SECOND,
          followUpIntervalMs: 4 * SECOND,
          implementationReminderIntervalMs: 1 * SECOND,
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ phase: 'Assessing', cycle: 1 }));
    expect(created.body.definition.owner).toBe('maria');
    expect(created.body.seenUpdateIds).toBeUndefined();

    // 2. Assess: 40 samples around 12; no plan before the baseline.
    expect(
      (await post('maria', '/plans', { measures: [{ title: 'x', kind: 'tool', department: 'it' }] })).body
        .code,
    ).toBe('NOT_IN_PLANNING');
    await push(12, 40);
    const planning = await phaseIs('Planning', 1);
    expect(planning.state.baseline).toEqual([
      expect.objectContaining({ kpi: 'response_minutes', value: 12, samples: 40 }),
    ]);

    // 3. Cycle 1 plan: the tool (it) and agent training for alice, bob and chen.
    const due = new Date(Date.now() + 3 * SECOND).toISOString();
    const plan = {
      measures: [
        { title: 'automated customer service system', kind: 'tool', department: 'it' },
        { title: 'agent training', kind: 'training', department: 'customer-service' },
      ],
      tasks: [
        {
          id: 'automation-live',
          title: 'automated system is live',
          department: 'it',
          dueAt: new Date(Date.now() + 60 * SECOND).toISOString(),
        },
      ],
      trainees: ['alice', 'bob', 'chen'].map((person) => ({
        person,
        department: 'customer-service',
        dueAt: due,
      })),
    };
    const v1 = await post('maria', '/plans', plan);
    expect(v1.status).toBe(200);
    expect(v1.body.phase).toBe('AwaitingApproval');
    // Each person's page offers what they may do now, and nothing else.
    const mayOf = async (who: keyof typeof people) =>
      (await gw.call('GET', `/initiatives/${id}`, { token: as(who) })).body.may;
    expect(await mayOf('li')).toEqual(
      expect.objectContaining({
        decide: { planVersion: 1, roles: ['cs-lead'] },
        submitPlan: false,
        pause: false,
      }),
    );
    expect(await mayOf('maria')).toEqual(
      expect.objectContaining({ decide: null, submitPlan: false, pause: true, cancel: true }),
    );

    // 4. Refused without the role: 403, recorded, nothing changes.
    const wrongRole = await post('alice', '/plans/1/approvals');
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.code).toBe('ROLE_NOT_IN_POLICY');
    expect((await post('omar', '/plans/1/rejections', { reason: ' ' })).status).toBe(400);
    const rejected = await post('omar', '/plans/1/rejections', { reason: 'no rollback plan' });
    expect(rejected.body.lastRejection).toEqual(
      expect.objectContaining({ role: 'change-board', reason: 'no rollback plan' }),
    );
    expect((await post('maria', '/plans', plan)).body.plan.version).toBe(2);
    // The same approval twice under one Idempotency-Key: the same answer, one decision.
    const key = { 'idempotency-key': `approve-${id}` };
    const first = await post('li', '/plans/2/approvals', { comment: 'ok' }, key);
    const again = await post('li', '/plans/2/approvals', { comment: 'ok' }, key);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.plan.decisions).toHaveLength(1);
    const reused = await post('li', '/plans/2/approvals', { comment: 'changed my mind' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await post('omar', '/plans/2/approvals')).body.phase).toBe('Implementing');

    // 5. it confirms the system; alice and bob train; chen misses the deadline and is reminded.
    expect((await post('ivan', '/tasks/automation-live/completion')).status).toBe(200);
    expect((await post('alice', '/trainings/bob/completion')).body.code).toBe('NOT_THE_TRAINEE');
    await post('alice', '/trainings/alice/completion');
    await post('bob', '/trainings/bob/completion');
    await eventually(async () => {
      const [row] = await gw.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE initiative_id = $1 AND kind = 'training-reminder' AND recipient_person = 'chen'`,
        [id],
      );
      expect(row.n).toBeGreaterThanOrEqual(1);
    }, 30_000);
    expect((await state()).state.phase).toBe('Implementing'); // training is a hard gate
    const chen = await post('chen', '/trainings/chen/completion');
    expect(chen.body.phase).toBe('Evaluating');

    // 6. Cycle 1 evaluation: 35 samples around 6.5 -> not met, cycle 2.
    await push(6.5, 35);
    await phaseIs('Planning', 2);
    const listed = (await gw.call('GET', `/initiatives?q=${id}`, { token: as('maria') })).body.items;
    expect(listed).toEqual([expect.objectContaining({ id, cycle: 2, maxCycles: 3, lastVerdict: 'not-met' })]);

    // 7. Cycle 2: approved by both, no training; 32 samples around 4.2 -> met, sustain.
    await post('maria', '/plans', {
      measures: [{ title: 'intelligent handling of complex queries', kind: 'tool', department: 'it' }],
    });
    await post('li', '/plans/1/approvals');
    expect((await post('omar', '/plans/1/approvals')).body.phase).toBe('Evaluating');
    await push(4.2, 32);
    await phaseIs('Sustaining', 2);

    // 8. Follow-ups: 4.5 holds; 7 regresses -> cycle 3 in planning.
    await push(4.5, 30);
    await eventually(async () => expect((await state()).state.followUps.done).toBe(1), 30_000);
    await push(7, 30);
    await phaseIs('Planning', 3);

    // 9. The manager cancels with a reason.
    const cancelled = await post('maria', '/cancel', {
      reason: 'superseded by the contact-centre programme',
    });
    expect(cancelled.body.closed).toEqual(expect.objectContaining({ outcome: 'cancelled', by: 'maria' }));

    // The register, read over HTTP, holds every number of the scenario.
    const evaluations = (await gw.call('GET', `/initiatives/${id}/evaluations`, { token: as('li') })).body
      .items;
    expect(
      evaluations.map((e: Record<string, unknown>) => [
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
    // The KPI's chart data: every pushed sample, in buckets of the KPI's own aggregate.
    const series = (
      await gw.call('GET', `/initiatives/${id}/kpis/response_minutes/series?points=50`, { token: as('li') })
    ).body;
    expect(series.aggregate).toBe('median');
    expect(series.points.reduce((n: number, p: { samples: number }) => n + p.samples, 0)).toBe(
      40 + 35 + 32 + 30 + 30,
    );
    const detail = (await gw.call('GET', `/initiatives/${id}`, { token: as('maria') })).body;
    expect(detail.register.baselines).toEqual([expect.objectContaining({ value: 12, samples: 40 })]);
    expect(
      detail.register.planVersions.map((p: Record<string, unknown>) => [p.cycle, p.version, p.status]),
    ).toEqual([
      [1, 1, 'rejected'],
      [1, 2, 'approved'],
      [2, 1, 'approved'],
    ]);
    expect(detail.register.planVersions[0].decisions).toEqual([
      expect.objectContaining({ role: 'change-board', decision: 'rejected', reason: 'no rollback plan' }),
    ]);
    const trail = (await gw.call('GET', `/initiatives/${id}/audit`, { token: as('maria') })).body.items;
    const accepted = trail
      .filter((e: { outcome: string }) => e.outcome === 'accepted')
      .map((e: { action: string }) => e.action);
    expect(accepted).toEqual([
      'create-initiative',
      'baseline-recorded',
      'submit-plan',
      'reject-plan',
      'submit-plan',
      'approve-plan',
      'approve-plan',
      'complete-task',
      'complete-training',
      'complete-training',
      'implementation-nudged',
      'complete-training',
      'evaluation-window-opened',
      'evaluation-recorded',
      'submit-plan',
      'approve-plan',
      'approve-plan',
      'evaluation-window-opened',
      'evaluation-recorded',
      'follow-up-recorded',
      'follow-up-recorded',
      'cancel',
    ]);
    const refusals = trail.filter((e: { outcome: string }) => e.outcome === 'refused');
    expect(
      refusals.map((e: { actor: string; details: { code: string } }) => [e.actor, e.details.code]),
    ).toEqual(
      expect.arrayContaining([
        ['maria', 'NOT_IN_PLANNING'],
        ['alice', 'ROLE_NOT_IN_POLICY'],
        ['alice', 'NOT_THE_TRAINEE'],
      ]),
    );
    // Once closed, further actions are refused with 409.
    expect((await post('maria', '/pause', { reason: 'x' })).status).toBe(409);
  });
});
