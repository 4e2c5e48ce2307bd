import type {
  ActedAs,
  Baseline,
  ClosedOutcome,
  Evaluation,
  InitiativeDefinition,
  Measure,
  Phase,
  RecordedEvaluation,
} from './initiative';

export const WAIT_KINDS = [
  'baseline',
  'plan',
  'approval',
  'task',
  'training',
  'evaluation-window',
  'follow-up',
  'cycle-limit-decision',
  'resume',
  'data-source',
] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export interface WaitWho {
  role?: string;
  department?: string;
  person?: string;
  /** A data source the initiative's window is being collected from. */
  dataSource?: string;
}

/** One thing the initiative waits on now: who, since when, the next deadline, reminders so far. */
export interface WaitingOn {
  kind: WaitKind;
  who: WaitWho;
  /** What exactly: a task id, a trainee, a KPI window. */
  subject?: string;
  since: string;
  dueAt: string | null;
  remindersSent: number;
  escalatedTo: string | null;
}

export interface Decision {
  role: string;
  /** Who decided: the approver, or their delegate (then `onBehalfOf` names the approver). */
  by: string;
  onBehalfOf?: string;
  decision: 'approved' | 'rejected';
  reason?: string;
  at: string;
  planVersion: number;
}

export interface TaskState {
  id: string;
  title: string;
  department: string;
  dueAt: string;
  doneAt: string | null;
  doneBy: string | null;
  remindersSent: number;
  escalated: boolean;
}

export interface TraineeState {
  person: string;
  department: string;
  dueAt: string;
  completedAt: string | null;
  remindersSent: number;
  escalated: boolean;
}

export interface PlanState {
  version: number;
  cycle: number;
  submittedBy: string;
  submittedAt: string;
  measures: Measure[];
  tasks: TaskState[];
  trainees: TraineeState[];
  /** Decisions on this version only; a new version starts with none. */
  decisions: Decision[];
  approvedAt: string | null;
}

export interface MeasurementWindow {
  from: string;
  endsAt: string;
  extended: boolean;
}

export interface PauseState {
  since: string;
  by: ActedAs;
  reason: string;
  resumeTo: Phase;
}

/** Everything the initiative knows, carried across continue-as-new and returned by the query. */
export interface InitiativeState {
  definition: InitiativeDefinition;
  phase: Phase;
  /** When the current phase was entered. */
  phaseSince: string;
  cycle: number;
  maxCycles: number;
  baseline: Baseline[];
  plan: PlanState | null;
  /** The last rejection of the current cycle's plan, kept for rework. */
  lastRejection: Decision | null;
  /** Findings of the last evaluation, carried into the next cycle's planning. */
  findings: Evaluation | null;
  evaluations: Evaluation[];
  assessmentWindow: MeasurementWindow | null;
  evaluationWindow: MeasurementWindow | null;
  followUps: { done: number; metInARow: number; nextAt: string | null };
  paused: PauseState | null;
  /** A window's samples being collected from data sources before it is judged (since when). */
  collecting?: { dataSources: string[]; since: string } | null;
  closed: { outcome: ClosedOutcome; reason: string; by: string; at: string } | null;
  waitingOn: WaitingOn[];
  /** Approval reminders sent for the plan version awaiting approval, and whether it was escalated. */
  approvalReminders: { remindersSent: number; escalated: boolean; since: string | null };
  /** Audit sequence within the current cycle (the activity's idempotency key). */
  auditSequence: number;
  /** Update ids already applied, carried across continue-as-new so a retried update counts once. */
  seenUpdateIds: string[];
}

/**
 * The state as updates and the state query answer it: without the workflow's bookkeeping, the
 * update ids it remembers (up to 2,000, which would otherwise travel in every answer and every
 * update's completion event) and the audit sequence.
 */
export type InitiativeAnswer = Omit<InitiativeState, 'seenUpdateIds' | 'auditSequence'>;

/** What the register keeps of the state after each step: enough for lists, "my work" and history. */
export type RegisterSnapshot = Pick<
  InitiativeState,
  'phase' | 'phaseSince' | 'cycle' | 'waitingOn' | 'plan' | 'baseline'
> & {
  /** Absent in steps recorded before the register showed it. */
  maxCycles?: number;
  /** The window open now (assessment, evaluation or follow-up review), whose pulled KPIs are collected. */
  window?: { from: string; to: string } | null;
  closed: Pick<NonNullable<InitiativeState['closed']>, 'outcome' | 'at'> | null;
  /** The evaluation or follow-up review this step recorded. */
  recorded?: RecordedEvaluation;
};
