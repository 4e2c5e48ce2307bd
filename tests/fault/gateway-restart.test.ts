import { randomUUID } from 'node:crypto';
import { submitPlanUpdate } from '@cio/contracts';
import { manager } from '@cio/testing';
import { people } from '../support/api-fixtures';
import { shortInitiative, shortPlan, startInPlanning } from '../support/fault-scenario';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';
import { holdLock, someoneWaitsOnLock } from '../support/register-locks';

// The gateway process dies (SIGKILL) while an approval is in flight; the client never gets its
// answer and retries with the same Idempotency-Key against the restarted gateway.
describe('the gateway killed mid-request', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGatewayHarness('gateway-restart');
  });
  afterAll(() => gw?.stop());

  it('a retry with the same Idempotency-Key yields exactly one decision', async () => {
    const definition = shortInitiative(`gwr-${randomUUID().slice(0, 8)}`);
    const system = {
      client: gw.env.client,
      taskQueue: gw.config.temporal.taskQueue,
      dataSource: gw.dataSource,
    };
    const handle = await startInPlanning(system, definition);
    await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: shortPlan }] });
    const path = `/initiatives/${definition.id}/plans/1/approvals`;
    const approve = async (who: 'li' | 'omar', key: string) =>
      gw.call('POST', path, {
        token: await gw.token(people[who]),
        body: { comment: 'looks good' },
        headers: { 'idempotency-key': key },
      });
    const lost = (request: Promise<unknown>) =>
      request.then(
        () => 'answered',
        () => 'lost',
      );

    // 1. Killed right after the request is sent, wherever the gateway is in handling it.
    const first = lost(approve('li', `li-${definition.id}`));
    await new Promise((resolve) => setImmediate(resolve));
    await gw.killGateway('SIGKILL');
    expect(await first).toBe('lost');
    await gw.restartGateway();
    const liRetry = await approve('li', `li-${definition.id}`);
    expect(liRetry.status).toBe(200);

    // 2. Killed while the workflow applies the approval (its register write waits on a row lock).
    const rowLock = await holdLock(gw.dataSource, `SELECT 1 FROM initiatives WHERE id = $1 FOR UPDATE`, [
      definition.id,
    ]);
    const second = lost(approve('omar', `omar-${definition.id}`));
    await someoneWaitsOnLock(gw.dataSource);
    await gw.killGateway('SIGKILL');
    expect(await second).toBe('lost');
    await rowLock.release();
    await gw.restartGateway();
    const omarRetry = await approve('omar', `omar-${definition.id}`);
    expect(omarRetry.status).toBe(200);
    expect(omarRetry.body.plan.decisions.map((d: { role: string }) => d.role)).toEqual([
      'cs-lead',
      'change-board',
    ]);
    // A second retry is answered from the stored answer.
    expect((await approve('omar', `omar-${definition.id}`)).body).toEqual(omarRetry.body);

    const decisions = await gw.dataSource.query(
      `SELECT role, decided_by AS by FROM approval_decisions WHERE initiative_id = $1 ORDER BY role`,
      [definition.id],
    );
    expect(decisions).toEqual([
      { role: 'change-board', by: 'omar' },
      { role: 'cs-lead', by: 'li' },
    ]);
    const audited = await gw.dataSource.query(
      `SELECT actor, outcome FROM audit_entries WHERE initiative_id = $1 AND action = 'approve-plan' ORDER BY id`,
      [definition.id],
    );
    expect(audited).toEqual([
      { actor: 'li', outcome: 'accepted' },
      { actor: 'omar', outcome: 'accepted' },
    ]);
  });
});
