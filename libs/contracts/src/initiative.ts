/**
 * What an initiative is, as it crosses boundaries (gateway -> workflow -> activities -> register).
 * Durations are milliseconds; instants are ISO-8601 strings.
 */

export const PHASES = [
  'Assessing',
  'Planning',
  'AwaitingApproval',
  'Implementing',
  'Evaluating',
  'Sustaining',
  'CycleLimitReached',
  'Paused',
  'Closed',
] as const;
export type Phase = (typeof PHASES)[number];

export const CLOSED_OUTCOMES = ['completed', 'cancelled', 'cycle-limit-reached'] as const;
export type ClosedOutcome = (typeof CLOSED_OUTCOMES)[number];

export const DIRECTIONS = ['lower-is-better', 'higher-is-better'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const AGGREGATES = ['mean', 'median', 'p90', 'p95', 'rate', 'last'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export type KpiTarget =
  /** The aggregate must reach this value (at most, or at least, by direction). */
  | { kind: 'absolute'; value: number }
  /** The aggregate must improve on the baseline by this many percent (e.g. 20 = 20 % better). */
  | { kind: 'relative'; improvementPercent: number };

/**
 * Where a KPI's samples come from when nobody pushes them: a data source the system pulls while
 * a window is open, or the feedback people give. Without one, samples are pushed.
 */
export type KpiSource =
  /** One expression whose value at each step is the sample (e.g. the p90 latency in minutes). */
  | { kind: 'threshold'; dataSource: string; query: string }
  /**
   * Good events over all events, from two counters: at each step, the increase of `good` over
   * the increase of `total` (counter resets handled, as Prometheus' increase() does).
   */
  | { kind: 'ratio'; dataSource: string; good: string; total: string }
  /**
   * The scores given through the initiative's feedback (e.g. customer satisfaction), on a scale
   * (default FEEDBACK_SCALE): a score outside it is refused, so one answer cannot skew the KPI.
   */
  | { kind: 'feedback'; scale?: { min: number; max: number } };

/** The scale of a feedback KPI that names none: 0 to 10 holds CSAT (1–5), NPS (0–10) and 1–7 answers. */
export const FEEDBACK_SCALE = { min: 0, max: 10 } as const;

export interface KpiDefinition {
  name: string;
  unit: string;
  direction: Direction;
  aggregate: Aggregate;
  target: KpiTarget;
  /** Absent: samples are pushed through the gateway. */
  source?: KpiSource;
}

/** A KPI pulled from a data source (not fed by feedback nor pushed). */
export type PulledKpi = KpiDefinition & { source: Exclude<KpiSource, { kind: 'feedback' }> };

export const isPulled = (kpi: KpiDefinition): kpi is PulledKpi =>
  kpi.source !== undefined && kpi.source.kind !== 'feedback';

export type ApprovalMode = 'all' | 'any' | 'quorum';

export interface ApprovalPolicy {
  mode: ApprovalMode;
  roles: string[];
  /** With mode `quorum`: how many of `roles` must approve (N of M). */
  quorum?: number;
  reminderIntervalMs: number;
  /** Reminders before the wait is escalated to `escalateTo`. */
  maxReminders: number;
  escalateTo: string;
}

export interface InitiativePolicy {
  approval: ApprovalPolicy;
  /** Roles that may submit plans, pause, resume, cancel and extend the cycle limit. */
  managerRoles: string[];
  assessmentPeriodMs: number;
  evaluationWindowMs: number;
  /** Fewer samples than this in a window: the window is extended once, then the KPI is inconclusive. */
  minSamples: number;
  maxCycles: number;
  followUpIntervalMs: number;
  /** Consecutive met follow-up reviews after which the initiative closes as completed. */
  followUpsToComplete: number;
  /** Overdue tasks and trainings: reminder interval after the deadline, and reminders before escalation. */
  implementationReminderIntervalMs: number;
  implementationMaxReminders: number;
  /**
   * How long a window's end waits for its pulled KPIs' data sources (retrying) before their data
   * counts as not collected. Absent: an hour.
   */
  collectionPatienceMs?: number;
}

export interface InitiativeDefinition {
  id: string;
  title: string;
  service: string;
  department: string;
  /** The improvement manager (a person) who owns the initiative. */
  owner: string;
  kpis: KpiDefinition[];
  policy: InitiativePolicy;
}

/**
 * Who acts, as the gateway knows them from their token: the person, every role they hold and
 * every department they belong to. The domain decides what they may do; `role` names the role a
 * decision is made as, for a person who holds several roles that could make it.
 */
export interface Actor {
  user: string;
  roles: string[];
  departments: string[];
  role?: string;
  /**
   * Set when `user` acts for someone under their delegation running now: then `roles` and
   * `departments` are that person's (never the user's own), and the trail reads "by user on behalf of".
   */
  onBehalfOf?: string;
}

/**
 * A person and the one role they acted in, as the state and the audit trail keep it (a pause's
 * author, a decision). Messages recorded before actors carried all their roles name the actor so.
 */
export interface ActedAs {
  user: string;
  role: string;
  department?: string;
  /** The person `user` stood in for, in whose role they acted (absent: they acted as themselves). */
  onBehalfOf?: string;
}

export const MEASURE_KINDS = ['process', 'tool', 'technology', 'resource', 'training'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export interface Measure {
  title: string;
  kind: MeasureKind;
  department: string;
}

export interface TaskInput {
  id: string;
  title: string;
  department: string;
  dueAt: string;
}

export interface TraineeInput {
  person: string;
  department: string;
  dueAt: string;
}

export interface PlanInput {
  measures: Measure[];
  tasks: TaskInput[];
  trainees: TraineeInput[];
}

export interface Baseline {
  kpi: string;
  value: number;
  samples: number;
  from: string;
  to: string;
}

/** An evaluation or follow-up review a step recorded, with the review's number (0: the cycle's evaluation). */
export interface RecordedEvaluation {
  evaluation: Evaluation;
  reviewNumber: number;
}

export type KpiVerdict = 'met' | 'not-met' | 'inconclusive';

/** How a window compares with the baseline window, and how sure we can be about it. */
export interface KpiComparison {
  /** observed − baseline, and that as a percentage of |baseline| (null for a zero baseline). */
  changeAbsolute: number;
  changePercent: number | null;
  /** Welch's t-test for means and rates, Mann–Whitney U for medians and percentiles; none for `last`. */
  test: 'welch-t' | 'mann-whitney-u' | null;
  /** Two-sided p-value of the test, null when it cannot be computed (too few or constant samples). */
  pValue: number | null;
  /** Confidence interval of the change (Welch for means, seeded bootstrap for quantiles). */
  ci: [number, number] | null;
  confidence: number;
}

export interface KpiEvaluation {
  kpi: string;
  baseline: number;
  target: number;
  observed: number | null;
  samples: number;
  verdict: KpiVerdict;
  /** Absent in evaluations recorded before statistics were added. */
  comparison?: KpiComparison;
}

export interface Evaluation {
  cycle: number;
  kind: 'evaluation' | 'follow-up';
  from: string;
  to: string;
  kpis: KpiEvaluation[];
  met: boolean;
  inconclusive: boolean;
}
