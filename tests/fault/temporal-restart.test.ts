import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { approvePlanUpdate, submitPlanUpdate } from '@cio/contracts';
import { changeBoard, csLead, eventually, freePort, manager, startDevServer } from '@cio/testing';
import { people } from '../support/api-fixtures';
import { type FaultSystem, startFaultSystem } from '../support/fault-system';
import {
  expectWholeRegister,
  phaseIs,
  shortInitiative,
  shortPlan,
  shortScenarioSteps,
  startInPlanning,
} from '../support/fault-scenario';

// Temporal itself goes away: the dev server keeps its state in a SQLite file, is stopped with
// initiatives running, and is started again on the same file and port. The worker and the
// gateway are their own processes and keep running throughout.
const ANSWER_WITHIN_MS = 5_000;

describe('the Temporal server stopped and started again on its SQLite file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cio-temporal-restart-'));
  const dbFilename = join(directory, 'temporal.sqlite');
  let port: number;
  let server: TestWorkflowEnvironment | undefined;
  let system: FaultSystem;

  beforeAll(async () => {
    port = await freePort();
    server = await startDevServer({ dbFilename, port });
    system = await startFaultSystem({
      name: 'temporal-restart',
      temporalAddress: server.address,
      gateway: true,
    });
  });
  afterAll(async () => {
    await system?.stop();
    await server?.teardown();
    rmSync(directory, { recursive: true, force: true });
  });

  it('running initiatives continue and finish; meanwhile the gateway answers 503 at once', async () => {
    const gateway = system.gateway!;
    // One initiative waits for its second approval; the other is in its evaluation window.
    const waiting = shortInitiative(`tr-wait-${randomUUID().slice(0, 8)}`);
    const evaluating = shortInitiative(`tr-eval-${randomUUID().slice(0, 8)}`);
    const handles = await Promise.all([waiting, evaluating].map((d) => startInPlanning(system, d)));
    for (const handle of handles) {
      await handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: shortPlan }] });
      await handle.executeUpdate(approvePlanUpdate, { args: [{ actor: csLead, planVersion: 1 }] });
    }
    const [waitingHandle, evaluatingHandle] = handles as [(typeof handles)[0], (typeof handles)[0]];
    await evaluatingHandle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 1 }],
    });
    const window = (await phaseIs(evaluatingHandle, 'Evaluating')).evaluationWindow!;

    await server!.teardown();
    server = undefined;
    const token = await gateway.token(people.omar);
    const approve = () =>
      gateway.call('POST', `/initiatives/${waiting.id}/plans/1/approvals`, {
        token,
        body: {},
        headers: { 'idempotency-key': `restart-${waiting.id}` },
      });
    let started = Date.now();
    const refused = await approve();
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      code: 'TEMPORAL_UNAVAILABLE',
      message: expect.any(String),
      details: [],
      requestId: expect.any(String),
    });
    started = Date.now();
    const ready = await gateway.call('GET', '/health/ready');
    expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({
      postgres: { status: 'up' },
      temporal: { status: 'down', error: expect.any(String) },
    });
    // The outage lasts past the evaluation window's end: its timer comes due while the server is down.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(window.endsAt) - Date.now())));
    server = await startDevServer({ dbFilename, port });

    // The client's retry under the same key goes through once the gateway has reconnected (within
    // seconds); both initiatives finish.
    const approved = await eventually(async () => {
      const answer = await approve();
      expect(answer.status).toBe(200);
      return answer;
    });
    expect(approved.body.phase).toBe('Evaluating');
    const results = await Promise.all([waitingHandle.result(), evaluatingHandle.result()]);
    expect(results.map((r) => r.closed?.outcome)).toEqual(['completed', 'completed']);
    for (const definition of [waiting, evaluating]) {
      await expectWholeRegister(
        system.dataSource,
        definition,
        shortScenarioSteps(['cs-lead', 'change-board']),
      );
    }
  });
});
