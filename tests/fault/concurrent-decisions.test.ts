import { randomUUID } from 'node:crypto';
import { getStateQuery, submitPlanUpdate } from '@cio/contracts';
import { eventually, manager } from '@cio/testing';
import { people } from '../support/api-fixtures';
import { shortInitiative, shortPlan, startInPlanning } from '../support/fault-scenario';
import { type ApiResponse, type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// Many callers at once against the real gateway, worker and register: the register and the
// workflow must agree afterwards, every role decides exactly once, and nobody gets a 5xx.
const CALLERS = 200;

describe('200 concurrent decisions', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    // One caller sends 200 writes at once: above the default per-caller limit of the throttler.
    gw = await startGatewayHarness('concurrent-decisions', { GATEWAY_WRITE_RATE_LIMIT: '100000' });
  });
  afterAll(() => gw?.stop());

  async function awaitingApproval(roles?: string[]) {
    // A long evaluation window: once approved, the initiative stays put while the test reads.
    const base = shortInitiative(`conc-${randomUUID().slice(0, 8)}`, { evaluationWindowMs: 3_600_000 });
    const definition = roles
      ? { ...base, policy: { ...base.policy, approval: { ...base.policy.approval, roles } } }
      : base;
    const system = {
      client: gw.env.client,
      taskQueue: gw.config.temporal.taskQueue,
      dataSource: gw.dataSource,
    };
    const handle = await startInPlanning(system, definition);
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: shortPlan }] });
    return { definition, handle, path: `/initiatives/${definition.id}/plans/1/approvals` };
  }

  const statuses = (answers: ApiResponse[]) => {
    const counts: Record<number, number> = {};
    for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
    return counts;
  };

  const decisionsInRegister = async (id: string) =>
    (await gw.dataSource.query(
      `SELECT role, decided_by AS by, count(*) OVER (PARTITION BY role)::int AS n
         FROM approval_decisions WHERE initiative_id = $1 ORDER BY role`,
      [id],
    )) as { role: string; by: string; n: number }[];

  const acceptedSteps = async (id: string) =>
    (
      await gw.dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE action = 'approve-plan')::int AS approvals,
                count(DISTINCT sequence) = count(*) AND min(sequence) = 1 AND max(sequence) = count(*) AS gapless
           FROM audit_entries WHERE initiative_id = $1 AND outcome = 'accepted'`,
        [id],
      )
    )[0];

  it('the same approval 200 times under one Idempotency-Key: one decision, one answer', async () => {
    const { definition, handle, path } = await awaitingApproval();
    const token = await gw.token(people.li);
    const headers = { 'idempotency-key': `same-${definition.id}` };
    const answers = await Promise.all(
      Array.from({ length: CALLERS }, () => gw.call('POST', path, { token, body: {}, headers })),
    );
    expect(statuses(answers)).toEqual({ 200: CALLERS });
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const state = await handle.query(getStateQuery);
    expect(state.plan?.decisions.map((d) => d.role)).toEqual(['cs-lead']);
    expect(await decisionsInRegister(definition.id)).toEqual([{ role: 'cs-lead', by: 'li', n: 1 }]);
    expect(await acceptedSteps(definition.id)).toEqual({ n: 4, approvals: 1, gapless: true });
  });

  it('the same approval 200 times without a key: one decision, 199 refused with 409', async () => {
    const { definition, handle, path } = await awaitingApproval();
    const token = await gw.token(people.li);
    const answers = await Promise.all(
      Array.from({ length: CALLERS }, () => gw.call('POST', path, { token, body: {} })),
    );
    expect(statuses(answers)).toEqual({ 200: 1, 409: CALLERS - 1 });
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code))).toEqual(
      new Set(['ROLE_ALREADY_DECIDED']),
    );
    const state = await handle.query(getStateQuery);
    expect(state.plan?.decisions.map((d) => d.role)).toEqual(['cs-lead']);
    expect(await decisionsInRegister(definition.id)).toEqual([{ role: 'cs-lead', by: 'li', n: 1 }]);
    expect(await acceptedSteps(definition.id)).toEqual({ n: 4, approvals: 1, gapless: true });
    const [refused] = await gw.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE initiative_id = $1 AND outcome = 'refused'`,
      [definition.id],
    );
    expect(refused.n).toBe(CALLERS - 1);
  });

  it('200 roles decide at once: each exactly once, and register and workflow agree', async () => {
    const roles = Array.from({ length: CALLERS }, (_, i) => `approver-${String(i).padStart(3, '0')}`);
    const { definition, handle, path } = await awaitingApproval(roles);
    const tokens = await Promise.all(
      roles.map((role) => gw.token({ sub: `person-${role}`, roles: [role], departments: ['it'] })),
    );
    const answers = await Promise.all(tokens.map((token) => gw.call('POST', path, { token, body: {} })));
    expect(statuses(answers)).toEqual({ 200: CALLERS });
    const state = await handle.query(getStateQuery);
    expect(state.plan?.approvedAt).toEqual(expect.any(String));
    const inWorkflow = state.plan!.decisions.map((d) => ({ role: d.role, by: d.by, n: 1 }));
    inWorkflow.sort((a, b) => a.role.localeCompare(b.role));
    expect(inWorkflow).toHaveLength(CALLERS);
    expect(await decisionsInRegister(definition.id)).toEqual(inWorkflow);
    // created, baseline, plan, 200 approvals, window opened: numbered 1..n without gaps.
    await eventually(async () =>
      expect(await acceptedSteps(definition.id)).toEqual({
        n: CALLERS + 4,
        approvals: CALLERS,
        gapless: true,
      }),
    );
  });
});
