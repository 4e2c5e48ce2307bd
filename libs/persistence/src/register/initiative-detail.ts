import type { DataSource } from 'typeorm';
import type {
  Baseline,
  ClosureCode,
  InitiativeDefinition,
  InitiativePolicy,
  KpiDefinition,
  Measure,
  TaskState,
  TraineeState,
} from '@cio/contracts';
import { closureCodeOf } from '@cio/domain';
import { initiativeNotFound } from './register-error';
import {
  type InitiativeSummary,
  isoText,
  Params,
  type ReadScope,
  scopeCondition,
  summaryColumns,
} from './initiative-queries';

export interface CycleRecord {
  cycle: number;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
}

export interface DecisionRecord {
  role: string;
  decision: 'approved' | 'rejected';
  decidedBy: string;
  /** Set when a delegate decided: whom they stood in for. */
  onBehalfOf: string | null;
  reason: string | null;
  decidedAt: string;
}

export interface PlanVersionRecord {
  version: number;
  cycle: number;
  status: string;
  submittedBy: string;
  submittedAt: string;
  approvedAt: string | null;
  measures: Measure[];
  tasks: TaskState[];
  trainees: TraineeState[];
  decisions: DecisionRecord[];
}

export interface EvaluationRecord {
  cycle: number;
  kind: 'evaluation' | 'follow-up';
  reviewNumber: number;
  kpi: string;
  aggregate: string;
  baseline: number;
  target: number;
  observed: number | null;
  samples: number;
  verdict: 'met' | 'not-met' | 'inconclusive';
  windowFrom: string;
  windowTo: string;
  changeAbsolute: number | null;
  changePercent: number | null;
  test: string | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  recordedAt: string;
}

export interface FollowUpRecord {
  number: number;
  cycle: number;
  outcome: 'met' | 'regression' | 'inconclusive';
  windowFrom: string;
  windowTo: string;
  recordedAt: string;
}

export interface InitiativeDetail extends InitiativeSummary {
  kpis: KpiDefinition[];
  policy: InitiativePolicy;
  baselines: Baseline[];
  cycles: CycleRecord[];
  planVersions: PlanVersionRecord[];
  evaluations: EvaluationRecord[];
  followUps: FollowUpRecord[];
  /** The opportunity it was promoted from. */
  opportunityId: string | null;
  /** How it ended (closed initiatives only): the code set by a manager, or the one its outcome gives. */
  closure: InitiativeClosure | null;
}

export interface InitiativeClosure {
  code: ClosureCode;
  /** False while the code is the one derived from the outcome. */
  set: boolean;
  reason: string | null;
  by: string | null;
  achievedBenefit: string | null;
}

const iso = isoText;

type PlanKey = { cycle: number; planVersion: number };

/** One initiative with its history from the register, or INITIATIVE_NOT_FOUND (also when out of scope). */
export async function getInitiative(db: DataSource, scope: ReadScope, id: string): Promise<InitiativeDetail> {
  const { definition, ...summary } = await findVisible(db, scope, id);
  const [baselines, cycles, plans, tasks, trainees, decisions, evaluations, followUps, closures] =
    await Promise.all([
      db.query(
        `SELECT kpi, value, samples, ${iso('window_from')} AS "from", ${iso('window_to')} AS "to"
         FROM baselines WHERE initiative_id = $1 ORDER BY kpi`,
        [id],
      ) as Promise<Baseline[]>,
      db.query(
        `SELECT cycle, ${iso('started_at')} AS "startedAt", ${iso('ended_at')} AS "endedAt", outcome
         FROM cycles WHERE initiative_id = $1 ORDER BY cycle`,
        [id],
      ) as Promise<CycleRecord[]>,
      db.query(
        `SELECT version, cycle, status, submitted_by AS "submittedBy", ${iso('submitted_at')} AS "submittedAt",
              ${iso('approved_at')} AS "approvedAt", measures
         FROM plan_versions WHERE initiative_id = $1 ORDER BY cycle, version`,
        [id],
      ) as Promise<Omit<PlanVersionRecord, 'tasks' | 'trainees' | 'decisions'>[]>,
      db.query(
        `SELECT cycle, plan_version AS "planVersion", task_id AS id, title, department, ${iso('due_at')} AS "dueAt",
              ${iso('done_at')} AS "doneAt", done_by AS "doneBy", reminders_sent AS "remindersSent", escalated
         FROM plan_tasks WHERE initiative_id = $1 ORDER BY cycle, plan_version, task_id`,
        [id],
      ) as Promise<(PlanVersionRecord['tasks'][number] & PlanKey)[]>,
      db.query(
        `SELECT cycle, plan_version AS "planVersion", person, department, ${iso('due_at')} AS "dueAt",
              ${iso('completed_at')} AS "completedAt", reminders_sent AS "remindersSent", escalated
         FROM plan_trainees WHERE initiative_id = $1 ORDER BY cycle, plan_version, person`,
        [id],
      ) as Promise<(PlanVersionRecord['trainees'][number] & PlanKey)[]>,
      db.query(
        `SELECT cycle, plan_version AS "planVersion", role, decision, decided_by AS "decidedBy",
              on_behalf_of AS "onBehalfOf", reason,
              ${iso('decided_at')} AS "decidedAt"
         FROM approval_decisions WHERE initiative_id = $1 ORDER BY cycle, plan_version, decided_at, role`,
        [id],
      ) as Promise<(DecisionRecord & PlanKey)[]>,
      db.query(
        `SELECT cycle, kind, review_number AS "reviewNumber", kpi, aggregate, baseline, target, observed, samples,
              verdict, ${iso('window_from')} AS "windowFrom", ${iso('window_to')} AS "windowTo",
              change_absolute AS "changeAbsolute", change_percent AS "changePercent", test, p_value AS "pValue",
              ci_low AS "ciLow", ci_high AS "ciHigh", ${iso('recorded_at')} AS "recordedAt"
         FROM evaluations WHERE initiative_id = $1 ORDER BY recorded_at, kpi`,
        [id],
      ) as Promise<EvaluationRecord[]>,
      db.query(
        `SELECT number, cycle, outcome, ${iso('window_from')} AS "windowFrom", ${iso('window_to')} AS "windowTo",
              ${iso('recorded_at')} AS "recordedAt"
         FROM follow_up_reviews WHERE initiative_id = $1 ORDER BY number`,
        [id],
      ) as Promise<FollowUpRecord[]>,
      db.query(
        `SELECT opportunity_id AS "opportunityId", closure_code AS code, closure_reason AS reason,
              closure_by AS by, achieved_benefit AS "achievedBenefit"
         FROM initiatives WHERE id = $1`,
        [id],
      ) as Promise<
        (Omit<InitiativeClosure, 'code' | 'set'> & {
          opportunityId: string | null;
          code: ClosureCode | null;
        })[]
      >,
    ]);
  const closed = closures[0];
  const closureCode = closureCodeOf({ set: closed?.code ?? null, closedOutcome: summary.closedOutcome });
  const of =
    (plan: { cycle: number; version: number }) =>
    <T extends PlanKey>(rows: T[]): Omit<T, keyof PlanKey>[] =>
      rows
        .filter((r) => r.cycle === plan.cycle && r.planVersion === plan.version)
        .map(({ planVersion: _version, cycle: _cycle, ...rest }) => rest);
  return {
    ...summary,
    kpis: definition.kpis,
    policy: definition.policy,
    baselines,
    cycles,
    planVersions: plans.map((plan) => ({
      ...plan,
      tasks: of(plan)(tasks),
      trainees: of(plan)(trainees),
      decisions: of(plan)(decisions),
    })),
    evaluations,
    followUps,
    opportunityId: closed?.opportunityId ?? null,
    closure:
      summary.phase === 'Closed' && closureCode
        ? {
            code: closureCode,
            set: closed?.code !== null && closed?.code !== undefined,
            reason: closed?.reason ?? null,
            by: closed?.by ?? null,
            achievedBenefit: closed?.achievedBenefit ?? null,
          }
        : null,
  };
}

/** The summary of one initiative if the scope may see it; otherwise INITIATIVE_NOT_FOUND (no leak). */
export async function findVisible(
  db: DataSource,
  scope: ReadScope,
  id: string,
): Promise<InitiativeSummary & { definition: Pick<InitiativeDefinition, 'kpis' | 'policy'> }> {
  const params = new Params();
  const condition = scopeCondition(scope, params);
  const rows: (InitiativeSummary & { definition: Pick<InitiativeDefinition, 'kpis' | 'policy'> })[] =
    await db.query(
      `SELECT ${summaryColumns}, i.definition FROM initiatives i
        WHERE i.id = ${params.add(id)}${condition ? ` AND ${condition}` : ''}`,
      params.values,
    );
  const row = rows[0];
  if (!row) {
    throw initiativeNotFound(id);
  }
  return row;
}

/** What deciding a caller's access to an initiative needs of it, and what it settles. */
export interface InitiativeAccess {
  department: string;
  policyRoles: string[];
  definition: Pick<InitiativeDefinition, 'kpis' | 'policy'>;
}

/**
 * The initiative's access facts if the caller may see it (INITIATIVE_NOT_FOUND otherwise): the
 * lean read behind every command, by primary key, fetching no more of the definition than the
 * KPIs and the policy.
 */
export async function findAccess(db: DataSource, scope: ReadScope, id: string): Promise<InitiativeAccess> {
  const params = new Params();
  const condition = scopeCondition(scope, params);
  const rows: {
    department: string;
    policyRoles: string[];
    kpis: KpiDefinition[];
    policy: InitiativePolicy;
  }[] = await db.query(
    `SELECT i.department, i.policy_roles AS "policyRoles", i.definition->'kpis' AS kpis,
              i.definition->'policy' AS policy
         FROM initiatives i
        WHERE i.id = ${params.add(id)}${condition ? ` AND ${condition}` : ''}`,
    params.values,
  );
  const row = rows[0];
  if (!row) {
    throw initiativeNotFound(id);
  }
  return {
    department: row.department,
    policyRoles: row.policyRoles,
    definition: { kpis: row.kpis, policy: row.policy },
  };
}
