import type {
  Aggregate,
  AuditAction,
  NotificationKind,
  Baseline,
  ClosedOutcome,
  Evaluation,
  InitiativeDefinition,
  KpiComparison,
  Phase,
  PlanState,
  WaitingOn,
  WaitWho,
} from '@cio/contracts';

/** Inputs and outputs of the initiative activities: one object each, so fields can be added. */

export interface RegisterInitiativeInput {
  workflowId: string;
  definition: InitiativeDefinition;
  phase: string;
  cycle: number;
}

export interface AuditInput {
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

/** What the register keeps of the workflow's state: enough for lists, "my work" and history. */
export interface RegisterSnapshot {
  phase: Phase;
  phaseSince: string;
  cycle: number;
  waitingOn: WaitingOn[];
  plan: PlanState | null;
  baseline: Baseline[];
  closed: { outcome: ClosedOutcome; at: string } | null;
  /** The evaluation or follow-up review this step recorded, with the review's number. */
  recorded?: { evaluation: Evaluation; reviewNumber: number };
}

export type { NotificationKind };

export interface NotifyInput {
  /** Idempotency key: workflow id, cycle and step. */
  key: string;
  initiativeId: string;
  kind: NotificationKind;
  to: WaitWho;
  subject: string;
  payload: Record<string, unknown>;
}

export interface MeasureKpisInput {
  initiativeId: string;
  /** With a baseline window, each KPI is also compared with it (change, test, confidence interval). */
  kpis: { name: string; aggregate: Aggregate; baseline?: { from: string; to: string; value: number } }[];
  from: string;
  to: string;
}

export interface KpiMeasurement {
  kpi: string;
  /** The aggregate over the window, or null without samples. */
  value: number | null;
  samples: number;
  comparison?: KpiComparison;
}
