import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  getStateQuery,
  type InitiativeDefinition,
  type InitiativePolicy,
  type InitiativeAnswer,
  type InitiativeState,
  INITIATIVE_WORKFLOW_TYPE,
} from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { eventually, retailerInitiative, samplesAround, storeSamples } from '@cio/testing';

// The short scenario the fault suites drive while something breaks: baseline, a plan approved by
// every role, one evaluation (met), one follow-up review (held), closed as completed. Windows are
// seconds, so the timers fire while the test watches.
const HOUR = 3_600_000;
export const SAMPLES = 5;

export function shortInitiative(id: string, policy: Partial<InitiativePolicy> = {}): InitiativeDefinition {
  const base = retailerInitiative(id);
  return {
    ...base,
    policy: {
      ...base.policy,
      approval: { ...base.policy.approval, reminderIntervalMs: HOUR },
      assessmentPeriodMs: 3_000,
      evaluationWindowMs: 2_000,
      followUpIntervalMs: 2_000,
      followUpsToComplete: 1,
      implementationReminderIntervalMs: HOUR,
      minSamples: 3,
      ...policy,
    },
  };
}

/** A plan without tasks or trainees: once approved, the evaluation window opens at once. */
export const shortPlan = {
  measures: [{ title: 'automated customer service system', kind: 'tool' as const, department: 'it' }],
  tasks: [],
  trainees: [],
};

export function startInitiative(
  system: { client: Client; taskQueue: string },
  definition: InitiativeDefinition,
): Promise<WorkflowHandle> {
  return system.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
    taskQueue: system.taskQueue,
    ...initiativeStartOptions(definition),
  });
}

/** The workflow's state once `accept` passes on it (queried, so a worker must be polling). */
export function stateOnce(
  handle: WorkflowHandle,
  accept: (state: InitiativeAnswer) => boolean,
  timeoutMs = 60_000,
): Promise<InitiativeAnswer> {
  return eventually(async () => {
    const state = await handle.query(getStateQuery);
    if (!accept(state)) throw new Error(`not yet: ${state.phase} (cycle ${state.cycle})`);
    return state;
  }, timeoutMs);
}

export const phaseIs = (handle: WorkflowHandle, phase: InitiativeState['phase'], timeoutMs?: number) =>
  stateOnce(handle, (state) => state.phase === phase, timeoutMs);

/** Samples around `median` inside a window, as a monitoring tool would have pushed them. */
export function feedWindow(
  dataSource: DataSource,
  initiativeId: string,
  window: { from: string; endsAt: string },
  median: number,
): Promise<void> {
  return storeSamples(dataSource, initiativeId, 'response_minutes', samplesAround(median, SAMPLES), {
    from: window.from,
    to: window.endsAt,
  });
}

/**
 * A monitoring tool's stream from `from` on: four samples a second for three minutes around
 * `median`, so every later window (evaluation, follow-up) has samples however late it opens.
 */
export function feedStream(
  dataSource: DataSource,
  initiativeId: string,
  from: string,
  median: number,
): Promise<void> {
  const count = 4 * 180;
  const values = Array.from({ length: count }, (_, i) => median + (i % 2 === 0 ? -0.5 : 0.5));
  const to = new Date(Date.parse(from) + 180_000).toISOString();
  return storeSamples(dataSource, initiativeId, 'response_minutes', values, { from, to });
}

/**
 * Starts the short scenario and brings it to Planning: the baseline (around 12) from samples in
 * the assessment period, then the improved stream (around 4) from the period's end on.
 */
export async function startInPlanning(
  system: { client: Client; taskQueue: string; dataSource: DataSource },
  definition: InitiativeDefinition,
): Promise<WorkflowHandle> {
  const handle = await startInitiative(system, definition);
  // Registered (the samples below need its row) once the creation is in the audit trail.
  await eventually(async () => {
    const [row] = await system.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE initiative_id = $1`,
      [definition.id],
    );
    expect(row.n).toBeGreaterThanOrEqual(1);
  });
  const assessing = await handle.query(getStateQuery);
  const window = assessing.assessmentWindow!;
  await feedWindow(system.dataSource, definition.id, window, 12);
  await feedStream(system.dataSource, definition.id, window.endsAt, 4);
  await phaseIs(handle, 'Planning');
  return handle;
}

/** Every step the short scenario records, in order, when each approver role decides once. */
export function shortScenarioSteps(roles: readonly string[]): string[] {
  return [
    'create-initiative',
    'baseline-recorded',
    'submit-plan',
    ...roles.map(() => 'approve-plan'),
    'evaluation-window-opened',
    'evaluation-recorded',
    'follow-up-recorded',
  ];
}

/**
 * Nothing lost, nothing twice: the accepted audit steps are numbered 1..n without gaps in each
 * cycle and are exactly `steps`, and the register's facts match them one for one.
 */
export async function expectWholeRegister(
  dataSource: DataSource,
  definition: InitiativeDefinition,
  steps: readonly string[],
): Promise<void> {
  const id = definition.id;
  const trail: { cycle: number; sequence: number; action: string }[] = await dataSource.query(
    `SELECT cycle, sequence, action FROM audit_entries
      WHERE initiative_id = $1 AND outcome = 'accepted' ORDER BY cycle, sequence`,
    [id],
  );
  expect(trail.map((e) => e.action)).toEqual(steps);
  expect(trail.map((e) => e.sequence)).toEqual(steps.map((_, i) => i + 1));
  const count = async (table: string) =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE initiative_id = $1`, [id]))[0]
      .n as number;
  const roles = definition.policy.approval.roles;
  const decisions: { role: string; n: number }[] = await dataSource.query(
    `SELECT role, count(*)::int AS n FROM approval_decisions WHERE initiative_id = $1 GROUP BY role ORDER BY role`,
    [id],
  );
  expect(decisions).toEqual([...roles].sort().map((role) => ({ role, n: 1 })));
  expect(await count('baselines')).toBe(definition.kpis.length);
  expect(await count('plan_versions')).toBe(1);
  expect(await count('cycles')).toBe(1);
  expect(await count('follow_up_reviews')).toBe(1);
  const evaluations: { kind: string; n: number }[] = await dataSource.query(
    `SELECT kind, count(*)::int AS n FROM evaluations WHERE initiative_id = $1 GROUP BY kind ORDER BY kind`,
    [id],
  );
  expect(evaluations).toEqual([
    { kind: 'evaluation', n: definition.kpis.length },
    { kind: 'follow-up', n: definition.kpis.length },
  ]);
  const [initiative] = await dataSource.query(
    `SELECT phase, closed_outcome AS outcome FROM initiatives WHERE id = $1`,
    [id],
  );
  expect(initiative).toEqual({ phase: 'Closed', outcome: 'completed' });
}
