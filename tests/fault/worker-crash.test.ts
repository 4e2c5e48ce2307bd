import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { approvePlanUpdate, submitPlanUpdate } from '@cio/contracts';
import { changeBoard, csLead, manager } from '@cio/testing';
import { type FaultSystem, startFaultSystem } from '../support/fault-system';
import { holdLock, someoneWaitsOnLock } from '../support/register-locks';
import {
  expectWholeRegister,
  phaseIs,
  shortInitiative,
  shortPlan,
  shortScenarioSteps,
  startInPlanning,
} from '../support/fault-scenario';

// The worker is its own OS process; each fault kills it with SIGKILL (no drain, no goodbye to the
// server) at a point the test arranges, then starts a new one. Locks taken by the test hold the
// worker inside an activity, so the kill lands mid-write rather than by chance.

describe('the worker killed with SIGKILL', () => {
  let system: FaultSystem;

  beforeAll(async () => {
    system = await startFaultSystem({ name: 'worker-crash' });
  });
  afterAll(() => system?.stop());

  it('mid-write, mid-approval and mid-evaluation: a new worker finishes the initiative, nothing lost or twice', async () => {
    const { dataSource, worker } = system;
    const definition = shortInitiative(`crash-${randomUUID().slice(0, 8)}`);
    const handle = await startInPlanning(system, definition);
    const crash = async (release?: () => Promise<void>) => {
      await worker.kill('SIGKILL');
      await release?.();
      await worker.start();
    };

    // 1. An activity write: the plan's register write waits on the initiative's row, locked here.
    const rowLock = await holdLock(dataSource, `SELECT 1 FROM initiatives WHERE id = $1 FOR UPDATE`, [
      definition.id,
    ]);
    const submitted = handle.executeUpdate(submitPlanUpdate, { args: [{ actor: manager, plan: shortPlan }] });
    await someoneWaitsOnLock(dataSource);
    await crash(() => rowLock.release());
    expect((await submitted).plan?.version).toBe(1);

    // 2. An approval accepted by the workflow but not yet completed (its audit write pending).
    const approval = await handle.startUpdate(approvePlanUpdate, {
      args: [{ actor: csLead, planVersion: 1 }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await crash();
    expect((await approval.result()).plan?.decisions.map((d) => d.role)).toEqual(['cs-lead']);
    const approved = await handle.executeUpdate(approvePlanUpdate, {
      args: [{ actor: changeBoard, planVersion: 1 }],
    });
    expect(approved.phase).toBe('Evaluating');

    // 3. An evaluation: the window has just opened; at its end the KPI measurement waits on the
    // samples table, locked here.
    const tableLock = await holdLock(dataSource, `LOCK TABLE measurements IN ACCESS EXCLUSIVE MODE`);
    await someoneWaitsOnLock(dataSource);
    await crash(() => tableLock.release());
    await phaseIs(handle, 'Sustaining');

    // The follow-up review holds the target: closed as completed, and the register is whole.
    expect((await handle.result()).closed?.outcome).toBe('completed');
    await expectWholeRegister(dataSource, definition, shortScenarioSteps(['cs-lead', 'change-board']));
  });
});
