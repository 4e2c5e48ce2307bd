import type { DataSource, EntityManager } from 'typeorm';
import {
  type AuditAction,
  currentAuditAction,
  type Evaluation,
  type PlanState,
  type RegisterSnapshot,
  type WaitingOn,
} from '@cio/contracts';
import { enqueueAssignments } from './assignment-notices';
import { projectOpenWindow } from './collection-windows';
import { Params } from './initiative-queries';
import { initiativeNotFound } from './register-error';

/** One step of an initiative's workflow, as the register records it. */
export interface WorkflowStep {
  workflowId: string;
  initiativeId: string;
  cycle: number;
  /** With workflowId and cycle, the natural key: a retry writes nothing twice. */
  sequence: number;
  actor: string;
  role: string | null;
  action: AuditAction;
  details: Record<string, unknown>;
  occurredAt: string;
  /** The phase after this step, kept current on the initiative's register row. */
  phase: string;
  requestId?: string | null;
  /** The initiative after this step, projected into the register's tables (absent in old histories). */
  snapshot?: RegisterSnapshot;
}

/**
 * Records one workflow step: its audit entry, and its projection into the register's tables,
 * under the initiative's row lock (which serialises concurrent steps of one initiative).
 */
export async function recordWorkflowStep(db: DataSource, step: WorkflowStep): Promise<void> {
  await db.transaction(async (tx) => {
    const rows: { audit_cycle: number; audit_sequence: number; title: string; waiting_on: WaitingOn[] }[] =
      await tx.query(
        `SELECT audit_cycle, audit_sequence, title, waiting_on FROM initiatives WHERE id = $1 FOR UPDATE`,
        [step.initiativeId],
      );
    const current = rows[0];
    if (!current) throw initiativeNotFound(step.initiativeId);
    const newest =
      step.cycle > current.audit_cycle ||
      (step.cycle === current.audit_cycle && step.sequence > current.audit_sequence);
    await recordStep(tx, step, newest);
    if (newest && step.snapshot) {
      await enqueueAssignments(tx, step, current.title, current.waiting_on ?? [], step.snapshot.waitingOn);
    }
  });
}

/**
 * Records one workflow step inside recordWorkflowStep's transaction (which holds the row lock): its audit entry and, when the step carries a snapshot, its projection into the register's
 * tables. Facts (decisions, baselines, evaluations, reviews) are inserted whatever the order in
 * which steps arrive; the "current" columns (phase, waits, plan status) only move forward, so a
 * retried or late older step never overwrites a newer one.
 *
 * The audit entry and the projection of the plan and the current state go in one statement (one
 * round trip: they touch different tables or different rows); the evaluation and the closing of a
 * cycle follow as their own statements, since they update the cycle row that statement may insert.
 */
async function recordStep(tx: EntityManager, input: WorkflowStep, newest: boolean): Promise<void> {
  const params = new Params();
  const id = params.add(input.initiativeId, 'text');
  const parts = [
    `INSERT INTO audit_entries
       (initiative_id, workflow_id, cycle, sequence, actor, role, action, details, request_id, occurred_at)
     VALUES (${id}, ${params.add(input.workflowId, 'text')}, ${params.add(input.cycle, 'int')},
             ${params.add(input.sequence, 'int')}, ${params.add(input.actor, 'text')},
             ${params.add(input.role, 'text')}, ${params.add(currentAuditAction(input.action), 'text')},
             ${params.add(JSON.stringify(input.details), 'jsonb')}, ${params.add(input.requestId ?? null, 'text')},
             ${params.add(input.occurredAt, 'timestamptz')})
     ON CONFLICT ON CONSTRAINT uq_audit_entries_step DO NOTHING`,
  ];
  const snapshot = input.snapshot;
  if (!snapshot) {
    // Old histories: the phase and cycle are all there is to keep current.
    if (newest) {
      parts.push(
        `UPDATE initiatives SET phase = ${params.add(input.phase, 'text')}, cycle = ${params.add(input.cycle, 'int')},
                audit_cycle = ${params.add(input.cycle, 'int')}, audit_sequence = ${params.add(input.sequence, 'int')},
                updated_at = now()
          WHERE id = ${id}`,
      );
    }
    await tx.query(oneStatement(parts), params.values);
    return;
  }
  const at = params.add(input.occurredAt, 'timestamptz');
  parts.push(
    `INSERT INTO cycles (initiative_id, cycle, started_at)
     VALUES (${id}, ${params.add(snapshot.cycle, 'int')}, ${at}) ON CONFLICT DO NOTHING`,
  );
  if (snapshot.baseline.length > 0) {
    parts.push(
      `INSERT INTO baselines (initiative_id, kpi, value, samples, window_from, window_to, recorded_at)
       SELECT ${id}, b.kpi, b.value, b.samples, b."from", b."to", ${at}
         FROM jsonb_to_recordset(${params.add(JSON.stringify(snapshot.baseline), 'jsonb')})
              AS b(kpi text, value float8, samples int, "from" timestamptz, "to" timestamptz)
       ON CONFLICT DO NOTHING`,
    );
  }
  if (snapshot.plan) parts.push(...planParts(params, id, snapshot.plan, newest));
  const involved = snapshot.plan ? planInvolvement(snapshot.plan) : null;
  if (newest) parts.push(currentPart(params, id, input, snapshot, involved));
  await tx.query(oneStatement(parts), params.values);
  if (!newest && involved) {
    // A late older step still names who its plan involved (the union only grows).
    const late = new Params();
    await tx.query(
      `UPDATE initiatives SET ${involvedAssignments(late, involved)} WHERE id = ${late.add(input.initiativeId)}`,
      late.values,
    );
  }
  if (newest && snapshot.window !== undefined)
    await projectOpenWindow(tx, input.initiativeId, snapshot.window);
  if (snapshot.recorded) await projectEvaluation(tx, input.initiativeId, snapshot.recorded, input.occurredAt);
  if (snapshot.closed) {
    await tx.query(
      `UPDATE cycles SET ended_at = COALESCE(ended_at, $3), outcome = COALESCE(outcome, $4)
        WHERE initiative_id = $1 AND cycle = $2`,
      [input.initiativeId, snapshot.cycle, snapshot.closed.at, snapshot.closed.outcome],
    );
  }
}

/** Data-modifying statements as one: all but the last become CTEs, all run to completion. */
function oneStatement(parts: string[]): string {
  const last = parts[parts.length - 1] ?? '';
  if (parts.length === 1) return last;
  const ctes = parts.slice(0, -1).map((sql, i) => `step_${i} AS (\n${sql}\n)`);
  return `WITH ${ctes.join(',\n')}\n${last}`;
}

function flattenWaits(waits: readonly WaitingOn[]) {
  const distinct = (values: (string | null | undefined)[]) => [
    ...new Set(values.filter((v): v is string => !!v)),
  ];
  const due = waits.map((w) => w.dueAt).filter((d): d is string => d !== null);
  return {
    roles: distinct(waits.flatMap((w) => [w.who.role, w.escalatedTo])),
    departments: distinct(waits.map((w) => w.who.department)),
    people: distinct(waits.map((w) => w.who.person)),
    nextDueAt: due.length > 0 ? due.reduce((a, b) => (a < b ? a : b)) : null,
  };
}

/** Who a plan names: the departments of its measures, tasks and trainees, and the trainees. */
function planInvolvement(plan: PlanState): { departments: string[]; people: string[] } {
  const departments = [
    ...plan.measures.map((m) => m.department),
    ...plan.tasks.map((t) => t.department),
    ...plan.trainees.map((t) => t.department),
  ];
  return { departments: [...new Set(departments)], people: [...new Set(plan.trainees.map((t) => t.person))] };
}

function involvedAssignments(params: Params, involved: { departments: string[]; people: string[] }): string {
  const union = (column: string, values: string[]) =>
    `${column} = ARRAY(SELECT DISTINCT v FROM unnest(${column} || ${params.add(values, 'text[]')}) AS v ORDER BY v)`;
  return `${union('involved_departments', involved.departments)}, ${union('involved_people', involved.people)}`;
}

function currentPart(
  params: Params,
  id: string,
  input: WorkflowStep,
  snapshot: RegisterSnapshot,
  involved: { departments: string[]; people: string[] } | null,
): string {
  const waits = flattenWaits(snapshot.waitingOn);
  return `UPDATE initiatives
        SET phase = ${params.add(snapshot.phase, 'text')}, cycle = ${params.add(snapshot.cycle, 'int')},${
          involved
            ? `
            ${involvedAssignments(params, involved)},`
            : ''
        }
            phase_since = ${params.add(snapshot.phaseSince, 'timestamptz')},
            waiting_on = ${params.add(JSON.stringify(snapshot.waitingOn), 'jsonb')},
            waiting_roles = ${params.add(waits.roles, 'text[]')},
            waiting_departments = ${params.add(waits.departments, 'text[]')},
            waiting_people = ${params.add(waits.people, 'text[]')},
            next_due_at = ${params.add(waits.nextDueAt, 'timestamptz')},
            closed_outcome = ${params.add(snapshot.closed?.outcome ?? null, 'text')},${
              snapshot.maxCycles === undefined
                ? ''
                : `\n            max_cycles = ${params.add(snapshot.maxCycles, 'int')},`
            }${
              snapshot.recorded
                ? `\n            last_verdict = ${params.add(verdictOf(snapshot.recorded.evaluation), 'text')},`
                : ''
            }
            audit_cycle = ${params.add(input.cycle, 'int')}, audit_sequence = ${params.add(input.sequence, 'int')},
            updated_at = now()
      WHERE id = ${id}`;
}

/** An evaluation's or a follow-up review's verdict, as the register's list shows it. */
function verdictOf(evaluation: Evaluation): 'met' | 'not-met' | 'inconclusive' {
  return evaluation.met ? 'met' : evaluation.inconclusive ? 'inconclusive' : 'not-met';
}

function planStatus(plan: PlanState): string {
  if (plan.approvedAt) return 'approved';
  if (plan.decisions.some((d) => d.decision === 'rejected' && d.planVersion === plan.version))
    return 'rejected';
  return 'awaiting-approval';
}

function planParts(params: Params, id: string, plan: PlanState, newest: boolean): string[] {
  const version = params.add(plan.version, 'int');
  const cycle = params.add(plan.cycle, 'int');
  const parts = [
    `INSERT INTO plan_versions (initiative_id, version, cycle, status, submitted_by, submitted_at, approved_at, measures)
     VALUES (${id}, ${version}, ${cycle}, ${params.add(planStatus(plan), 'text')},
             ${params.add(plan.submittedBy, 'text')}, ${params.add(plan.submittedAt, 'timestamptz')},
             ${params.add(plan.approvedAt, 'timestamptz')}, ${params.add(JSON.stringify(plan.measures), 'jsonb')})
     ON CONFLICT (initiative_id, cycle, version) DO ${
       newest
         ? `UPDATE SET status = EXCLUDED.status, approved_at = EXCLUDED.approved_at
             WHERE (plan_versions.status, plan_versions.approved_at)
                   IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.approved_at)`
         : 'NOTHING'
     }`,
    // Completion and nudges only move forward, so an older snapshot cannot undo them; a row that
    // would not change is not rewritten (most steps carry the plan unchanged).
    `INSERT INTO plan_tasks (initiative_id, cycle, plan_version, task_id, title, department, due_at, done_at, done_by,
                             reminders_sent, escalated)
     SELECT ${id}, ${cycle}, ${version}, t.id, t.title, t.department, t."dueAt", t."doneAt", t."doneBy",
            t."remindersSent", t.escalated
       FROM jsonb_to_recordset(${params.add(JSON.stringify(plan.tasks), 'jsonb')})
            AS t(id text, title text, department text, "dueAt" timestamptz, "doneAt" timestamptz, "doneBy" text,
                 "remindersSent" int, escalated boolean)
     ON CONFLICT (initiative_id, cycle, plan_version, task_id) DO UPDATE SET
       done_at = COALESCE(plan_tasks.done_at, EXCLUDED.done_at),
       done_by = COALESCE(plan_tasks.done_by, EXCLUDED.done_by),
       reminders_sent = GREATEST(plan_tasks.reminders_sent, EXCLUDED.reminders_sent),
       escalated = plan_tasks.escalated OR EXCLUDED.escalated
     WHERE (plan_tasks.done_at IS NULL AND EXCLUDED.done_at IS NOT NULL)
        OR (plan_tasks.done_by IS NULL AND EXCLUDED.done_by IS NOT NULL)
        OR EXCLUDED.reminders_sent > plan_tasks.reminders_sent
        OR (EXCLUDED.escalated AND NOT plan_tasks.escalated)`,
    `INSERT INTO plan_trainees (initiative_id, cycle, plan_version, person, department, due_at, completed_at,
                                reminders_sent, escalated)
     SELECT ${id}, ${cycle}, ${version}, t.person, t.department, t."dueAt", t."completedAt", t."remindersSent",
            t.escalated
       FROM jsonb_to_recordset(${params.add(JSON.stringify(plan.trainees), 'jsonb')})
            AS t(person text, department text, "dueAt" timestamptz, "completedAt" timestamptz, "remindersSent" int,
                 escalated boolean)
     ON CONFLICT (initiative_id, cycle, plan_version, person) DO UPDATE SET
       completed_at = COALESCE(plan_trainees.completed_at, EXCLUDED.completed_at),
       reminders_sent = GREATEST(plan_trainees.reminders_sent, EXCLUDED.reminders_sent),
       escalated = plan_trainees.escalated OR EXCLUDED.escalated
     WHERE (plan_trainees.completed_at IS NULL AND EXCLUDED.completed_at IS NOT NULL)
        OR EXCLUDED.reminders_sent > plan_trainees.reminders_sent
        OR (EXCLUDED.escalated AND NOT plan_trainees.escalated)`,
    `INSERT INTO approval_decisions (initiative_id, plan_version, role, cycle, decision, decided_by, on_behalf_of,
                                     reason, decided_at)
     SELECT ${id}, d."planVersion", d.role, ${cycle}, d.decision, d.by, d."onBehalfOf", d.reason, d.at
       FROM jsonb_to_recordset(${params.add(JSON.stringify(plan.decisions), 'jsonb')})
            AS d("planVersion" int, role text, decision text, by text, "onBehalfOf" text, reason text, at timestamptz)
     ON CONFLICT DO NOTHING`,
  ];
  if (newest) {
    // Other rows than the version above: one statement may hold both.
    parts.push(
      `UPDATE plan_versions SET status = 'superseded'
        WHERE initiative_id = ${id} AND cycle = ${cycle} AND version < ${version} AND status = 'awaiting-approval'`,
    );
  }
  return parts;
}

async function projectEvaluation(
  tx: EntityManager,
  id: string,
  recorded: { evaluation: Evaluation; reviewNumber: number },
  at: string,
) {
  const { evaluation, reviewNumber } = recorded;
  const rows = evaluation.kpis.map((k) => ({
    kpi: k.kpi,
    baseline: k.baseline,
    target: k.target,
    observed: k.observed,
    samples: k.samples,
    verdict: k.verdict,
    changeAbsolute: k.comparison?.changeAbsolute ?? null,
    changePercent: k.comparison?.changePercent ?? null,
    test: k.comparison?.test ?? null,
    pValue: k.comparison?.pValue ?? null,
    ciLow: k.comparison?.ci?.[0] ?? null,
    ciHigh: k.comparison?.ci?.[1] ?? null,
  }));
  // The aggregate comes from the definition so the row says what was measured.
  await tx.query(
    `INSERT INTO evaluations (initiative_id, cycle, kind, review_number, kpi, aggregate, baseline, target, observed,
                              samples, verdict, window_from, window_to, change_absolute, change_percent, test,
                              p_value, ci_low, ci_high, recorded_at)
     SELECT $1, $2, $3, $4, e.kpi,
            COALESCE((SELECT k->>'aggregate' FROM initiatives i, jsonb_array_elements(i.definition->'kpis') k
                       WHERE i.id = $1 AND k->>'name' = e.kpi), 'unknown'),
            COALESCE(e.baseline, 'NaN'), COALESCE(e.target, 'NaN'), e.observed, e.samples, e.verdict, $5, $6,
            e."changeAbsolute", e."changePercent", e.test, e."pValue", e."ciLow", e."ciHigh", $7
       FROM jsonb_to_recordset($8::jsonb) AS e(kpi text, baseline float8, target float8, observed float8,
            samples int, verdict text, "changeAbsolute" float8, "changePercent" float8, test text,
            "pValue" float8, "ciLow" float8, "ciHigh" float8)
     ON CONFLICT ON CONSTRAINT uq_evaluations_kpi DO NOTHING`,
    [
      id,
      evaluation.cycle,
      evaluation.kind,
      reviewNumber,
      evaluation.from,
      evaluation.to,
      at,
      JSON.stringify(rows),
    ],
  );
  if (evaluation.kind === 'evaluation') {
    const outcome = evaluation.met ? 'met' : evaluation.inconclusive ? 'inconclusive' : 'not-met';
    await tx.query(
      `UPDATE cycles SET ended_at = COALESCE(ended_at, $3), outcome = COALESCE(outcome, $4)
        WHERE initiative_id = $1 AND cycle = $2`,
      [id, evaluation.cycle, at, outcome],
    );
  } else {
    const outcome = evaluation.met ? 'met' : evaluation.inconclusive ? 'inconclusive' : 'regression';
    await tx.query(
      `INSERT INTO follow_up_reviews (initiative_id, number, cycle, outcome, window_from, window_to, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [id, reviewNumber, evaluation.cycle, outcome, evaluation.from, evaluation.to, at],
    );
  }
}
