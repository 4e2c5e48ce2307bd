import type { EntityManager } from 'typeorm';
import type { Evaluation, PlanState, WaitingOn } from '@cio/contracts';
import type { AuditInput, RegisterSnapshot } from './activity-contracts';

/**
 * Projects one workflow step into the register's tables, inside recordAudit's transaction.
 * Facts (decisions, baselines, evaluations, reviews) are inserted whatever the order in which
 * steps arrive; the "current" columns (phase, waits, plan status) only move forward, so a retried
 * or late older step never overwrites a newer one.
 */
export async function projectStep(
  tx: EntityManager,
  input: AuditInput,
  snapshot: RegisterSnapshot,
  newest: boolean,
): Promise<void> {
  const id = input.initiativeId;
  await tx.query(
    `INSERT INTO cycles (initiative_id, cycle, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [id, snapshot.cycle, input.occurredAt],
  );
  if (snapshot.plan) await projectPlan(tx, id, snapshot.plan, newest);
  if (snapshot.baseline.length > 0) {
    await tx.query(
      `INSERT INTO baselines (initiative_id, kpi, value, samples, window_from, window_to, recorded_at)
       SELECT $1, b.kpi, b.value, b.samples, b."from", b."to", $3
         FROM jsonb_to_recordset($2::jsonb) AS b(kpi text, value float8, samples int, "from" timestamptz, "to" timestamptz)
       ON CONFLICT DO NOTHING`,
      [id, JSON.stringify(snapshot.baseline), input.occurredAt],
    );
  }
  if (snapshot.recorded) await projectEvaluation(tx, id, snapshot.recorded, input.occurredAt);
  if (snapshot.closed) {
    await tx.query(
      `UPDATE cycles SET ended_at = COALESCE(ended_at, $3), outcome = COALESCE(outcome, $4)
        WHERE initiative_id = $1 AND cycle = $2`,
      [id, snapshot.cycle, snapshot.closed.at, snapshot.closed.outcome],
    );
  }
  if (newest) await projectCurrent(tx, input, snapshot);
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

async function projectCurrent(tx: EntityManager, input: AuditInput, snapshot: RegisterSnapshot) {
  const waits = flattenWaits(snapshot.waitingOn);
  await tx.query(
    `UPDATE initiatives
        SET phase = $2, cycle = $3, phase_since = $4, waiting_on = $5, waiting_roles = $6,
            waiting_departments = $7, waiting_people = $8, next_due_at = $9, closed_outcome = $10,
            audit_cycle = $11, audit_sequence = $12, updated_at = now()
      WHERE id = $1`,
    [
      input.initiativeId,
      snapshot.phase,
      snapshot.cycle,
      snapshot.phaseSince,
      JSON.stringify(snapshot.waitingOn),
      waits.roles,
      waits.departments,
      waits.people,
      waits.nextDueAt,
      snapshot.closed?.outcome ?? null,
      input.cycle,
      input.sequence,
    ],
  );
}

function planStatus(plan: PlanState): string {
  if (plan.approvedAt) return 'approved';
  if (plan.decisions.some((d) => d.decision === 'rejected' && d.planVersion === plan.version))
    return 'rejected';
  return 'awaiting-approval';
}

async function projectPlan(tx: EntityManager, id: string, plan: PlanState, newest: boolean) {
  const status = planStatus(plan);
  await tx.query(
    `INSERT INTO plan_versions (initiative_id, version, cycle, status, submitted_by, submitted_at, approved_at, measures)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (initiative_id, cycle, version) DO ${
       newest ? 'UPDATE SET status = EXCLUDED.status, approved_at = EXCLUDED.approved_at' : 'NOTHING'
     }`,
    [
      id,
      plan.version,
      plan.cycle,
      status,
      plan.submittedBy,
      plan.submittedAt,
      plan.approvedAt,
      JSON.stringify(plan.measures),
    ],
  );
  if (newest) {
    await tx.query(
      `UPDATE plan_versions SET status = 'superseded'
        WHERE initiative_id = $1 AND cycle = $3 AND version < $2 AND status = 'awaiting-approval'`,
      [id, plan.version, plan.cycle],
    );
  }
  // Completion and nudges only move forward, so an older snapshot cannot undo them.
  await tx.query(
    `INSERT INTO plan_tasks (initiative_id, cycle, plan_version, task_id, title, department, due_at, done_at, done_by,
                             reminders_sent, escalated)
     SELECT $1, $4, $2, t.id, t.title, t.department, t."dueAt", t."doneAt", t."doneBy", t."remindersSent", t.escalated
       FROM jsonb_to_recordset($3::jsonb) AS t(id text, title text, department text, "dueAt" timestamptz,
            "doneAt" timestamptz, "doneBy" text, "remindersSent" int, escalated boolean)
     ON CONFLICT (initiative_id, cycle, plan_version, task_id) DO UPDATE SET
       done_at = COALESCE(plan_tasks.done_at, EXCLUDED.done_at),
       done_by = COALESCE(plan_tasks.done_by, EXCLUDED.done_by),
       reminders_sent = GREATEST(plan_tasks.reminders_sent, EXCLUDED.reminders_sent),
       escalated = plan_tasks.escalated OR EXCLUDED.escalated`,
    [id, plan.version, JSON.stringify(plan.tasks), plan.cycle],
  );
  await tx.query(
    `INSERT INTO plan_trainees (initiative_id, cycle, plan_version, person, department, due_at, completed_at,
                                reminders_sent, escalated)
     SELECT $1, $4, $2, t.person, t.department, t."dueAt", t."completedAt", t."remindersSent", t.escalated
       FROM jsonb_to_recordset($3::jsonb) AS t(person text, department text, "dueAt" timestamptz,
            "completedAt" timestamptz, "remindersSent" int, escalated boolean)
     ON CONFLICT (initiative_id, cycle, plan_version, person) DO UPDATE SET
       completed_at = COALESCE(plan_trainees.completed_at, EXCLUDED.completed_at),
       reminders_sent = GREATEST(plan_trainees.reminders_sent, EXCLUDED.reminders_sent),
       escalated = plan_trainees.escalated OR EXCLUDED.escalated`,
    [id, plan.version, JSON.stringify(plan.trainees), plan.cycle],
  );
  await tx.query(
    `INSERT INTO approval_decisions (initiative_id, plan_version, role, cycle, decision, decided_by, reason, decided_at)
     SELECT $1, d."planVersion", d.role, $3, d.decision, d.by, d.reason, d.at
       FROM jsonb_to_recordset($2::jsonb) AS d("planVersion" int, role text, decision text, by text, reason text,
            at timestamptz)
     ON CONFLICT DO NOTHING`,
    [id, JSON.stringify(plan.decisions), plan.cycle],
  );
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
