import type {
  InitiativeState,
  MeasurementWindow,
  NotificationKind,
  PlanState,
  RecordedEvaluation,
  StepAction,
  WaitWho,
} from '@cio/contracts';
import type { Nudge } from '../nudges';

/** What each kind of notification says, besides the initiative it is about (see ./notices.ts). */
export interface NoticeFacts {
  'approval-reminder': { planVersion: number; number: number; maxReminders: number };
  'approval-escalation': { planVersion: number; pending: string[] };
  'task-reminder': { id: string };
  'task-escalation': { id: string };
  'training-reminder': { id: string };
  'training-escalation': { id: string };
  'baseline-escalation': { short: string[] };
  'evaluation-ready': { cycle: number; met: boolean };
  'evaluation-inconclusive': { cycle: number; short: string[]; review?: number };
  'target-met': { cycle: number };
  regression: { review: number; reopenedAs: number };
  'cycle-limit-reached': { maxCycles: number };
}

/**
 * A notification to send: its kind, to whom, its idempotency key within the initiative (the
 * workflow prefixes the workflow id; a retry writes it once), its facts and the outbox payload.
 */
export type Notice = {
  [K in NotificationKind]: {
    kind: K;
    to: WaitWho;
    key: string;
    facts: NoticeFacts[K];
    payload: Record<string, unknown>;
  };
}[NotificationKind];

export function notice<K extends NotificationKind>(
  kind: K,
  to: WaitWho,
  cycle: number,
  step: string,
  facts: NoticeFacts[K],
  payload: Record<string, unknown> = {},
): Notice {
  return { kind, to, key: `c${cycle}:${step}`, facts, payload } as Notice;
}

/** An implementation item past its deadline, with the nudge it is due next. */
export interface OpenItem {
  kind: 'task' | 'training';
  id: string;
  to: WaitWho;
  nudge: Nudge;
}

/** What happens when the wait ends by its deadline (decided when the wait begins). */
export type Due =
  | { kind: 'assessment-ends'; window: MeasurementWindow }
  | { kind: 'approval-nudge'; planVersion: number; nudge: Nudge; pending: string[] }
  | { kind: 'implementation-nudges'; plan: PlanState; open: OpenItem[] }
  | { kind: 'implementation-complete' }
  | { kind: 'evaluation-window-ends'; window: MeasurementWindow }
  | { kind: 'follow-up-due'; dueAt: string; number: number };

/**
 * What the initiative waits for in its phase: until a deadline (then `due` happens), until now
 * (`due` happens at once), or (`until: null`) until an accepted update changes it. The summary
 * names the durable timer in the Temporal UI.
 */
export interface Wait {
  until: string | null | 'now';
  summary: string;
  due: Due | null;
}

/** The audit entry of a step the initiative takes by itself. */
export interface StepAudit {
  action: StepAction;
  details: Record<string, unknown>;
  recorded?: RecordedEvaluation;
}

/** The change of a step, made on the state as it is when the step is recorded. */
export interface RecordedStep {
  state: InitiativeState;
  audit: StepAudit;
  /** Told after the step is recorded. */
  notifyAfter: Notice[];
  /** A cycle boundary or a follow-up review: the run continues as new (bounded history). */
  continueAsNew: boolean;
}

/**
 * One step of a waiting phase once its deadline passed: who is told first (in the order each
 * phase has always told them, which recorded histories replay), then the change, recorded at the
 * time it is recorded.
 */
export interface PhaseStep {
  notify: Notice[];
  record(state: InitiativeState, at: string): RecordedStep;
}

export const recorded = (
  state: InitiativeState,
  audit: StepAudit,
  extra: Partial<Pick<RecordedStep, 'notifyAfter' | 'continueAsNew'>> = {},
): RecordedStep => ({
  state,
  audit,
  notifyAfter: extra.notifyAfter ?? [],
  continueAsNew: extra.continueAsNew ?? false,
});
