import type { Aggregate, Direction, KpiSource } from './initiative';

/**
 * A service watch: the regular assessment of an existing service, automated. On a Temporal
 * Schedule it checks one KPI against a rule; N breaches in a row raise an improvement opportunity
 * (origin `monitoring`), or add to the one it raised, never more than one open at a time.
 */

export type WatchRule =
  /** The recent period's aggregate is worse than this value (above it, or below, by direction). */
  | { kind: 'threshold'; value: number }
  /**
   * The recent period is significantly worse than the trailing baseline before it: the same
   * test as an evaluation (Welch for means, Mann-Whitney otherwise) at `alpha`, and worse by at
   * least `minChangePercent`.
   */
  | { kind: 'degradation'; alpha: number; minChangePercent: number };

export interface WatchedKpi {
  name: string;
  unit: string;
  direction: Direction;
  aggregate: Aggregate;
  /** Absent: samples are pushed to the watch through the gateway. */
  source?: Exclude<KpiSource, { kind: 'feedback' }>;
}

export interface ServiceWatchDefinition {
  id: string;
  title: string;
  service: string;
  department: string;
  kpi: WatchedKpi;
  rule: WatchRule;
  /** The recent period each check looks at, ending at the check. */
  recentPeriodMs: number;
  /** The trailing baseline before the recent period (degradation rules). */
  baselinePeriodMs: number;
  /** Fewer samples in a period than this: the check is inconclusive and counts for nothing. */
  minSamples: number;
  /** Breaches in a row before an opportunity is raised. */
  consecutiveChecks: number;
  /** How often the schedule checks. */
  checkIntervalMs: number;
}

export type WatchCheckOutcome = 'breach' | 'within' | 'inconclusive';

/** What a check found: the figures a reader needs to judge it. */
export interface WatchEvidence {
  outcome: WatchCheckOutcome;
  recent: { from: string; to: string; value: number | null; samples: number };
  baseline?: { from: string; to: string; value: number | null; samples: number };
  /** The threshold rule's value, or the change against the baseline in percent. */
  threshold?: number;
  changePercent?: number;
  test?: 'welch' | 'mann-whitney';
  pValue?: number;
  /** Why the check came out as it did, in a sentence. */
  reason: string;
}

export const WATCH_WORKFLOW_TYPE = 'serviceWatchCheckWorkflow';
export const watchScheduleId = (watchId: string) => `watch-${watchId}`;

/** What people ask of watches; refusals are recorded as refused requests under these names. */
export const WATCH_ACTIONS = ['create-watch', 'pause-watch', 'resume-watch', 'push-watch-samples'] as const;
export type WatchAction = (typeof WATCH_ACTIONS)[number];
