import { COMMAND_ACTIONS } from './audit-actions';
import { PEOPLE_ACTIONS } from './people';
import { WATCH_ACTIONS } from './service-watch';

/**
 * The Continual Improvement Register's front door: an improvement opportunity, raised by anyone,
 * prioritised by a score, triaged by its department's improvement managers, and promoted to an
 * initiative. Instants are ISO-8601 strings.
 */

/** Where an opportunity came from. `monitoring` is what a service watch raises. */
export const OPPORTUNITY_ORIGINS = [
  'idea',
  'incident',
  'problem',
  'customer-feedback',
  'monitoring',
  'review',
] as const;
export type OpportunityOrigin = (typeof OPPORTUNITY_ORIGINS)[number];

export const BENEFIT_CATEGORIES = [
  'cost',
  'time',
  'quality',
  'customer-satisfaction',
  'risk',
  'revenue',
] as const;
export type BenefitCategory = (typeof BENEFIT_CATEGORIES)[number];

/** How much the opportunity is expected to bring, as its raiser judges it. */
export const BENEFIT_LEVELS = ['low', 'medium', 'high', 'very-high'] as const;
export type BenefitLevel = (typeof BENEFIT_LEVELS)[number];

export const EFFORT_SIZES = ['S', 'M', 'L', 'XL'] as const;
export type EffortSize = (typeof EFFORT_SIZES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Where an opportunity stands. `new` and `accepted` are open (the backlog); the others are triaged
 * away or taken up by an initiative.
 */
export const OPPORTUNITY_STATUSES = ['new', 'accepted', 'declined', 'duplicate', 'promoted'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
export const OPEN_OPPORTUNITY_STATUSES = ['new', 'accepted'] as const satisfies readonly OpportunityStatus[];

export interface ExpectedBenefit {
  category: BenefitCategory;
  level: BenefitLevel;
  description: string;
}

/** What the raiser says about it. */
export interface OpportunityInput {
  title: string;
  description: string;
  service: string;
  department: string;
  origin: OpportunityOrigin;
  /** An incident number, a URL, a feedback id: whatever lets a reader find where it came from. */
  reference?: string;
  benefit: ExpectedBenefit;
  effort: EffortSize;
  risk: RiskLevel;
  /** The strategic objectives it serves (free names, e.g. "digital-first"). */
  objectives: string[];
}

/** One part of a priority score: what the opportunity says, and how many points that gave. */
export interface ScorePart {
  factor: 'benefit' | 'effort' | 'risk' | 'support' | 'objectives';
  /** What the part was computed from (`high`, `XL`, `3 supporters`, ...). */
  input: string;
  weight: number;
  points: number;
}

export interface PriorityScore {
  total: number;
  parts: ScorePart[];
}

/** The weights of the priority model (configuration); each part's points are weight times a level. */
export interface PriorityWeights {
  benefit: number;
  effort: number;
  risk: number;
  support: number;
  objectives: number;
}

/**
 * The default priority model: benefit counts most, effort and risk count against, support and the
 * strategic objectives served are signals. Each part is its weight times a level:
 * - benefit: low 1, medium 2, high 3, very high 4 (× 10: 10 to 40 points);
 * - effort: S 0, M 1, L 2, XL 3 (× −6: 0 to −18);
 * - risk: low 0, medium 1, high 2 (× −5: 0 to −10);
 * - support: log2(1 + supporters) (× 3: 1 supporter 3, 3 supporters 6, 7 supporters 9);
 * - objectives: how many it serves, at most 3 (× 2: 0 to 6).
 * Weights are configuration (`OPPORTUNITY_SCORE_WEIGHTS`); all of them are magnitudes (≥ 0).
 */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  benefit: 10,
  effort: 6,
  risk: 5,
  support: 3,
  objectives: 2,
};

/** What the triage decided. */
export const TRIAGE_DECISIONS = ['accept', 'decline', 'duplicate'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

/** Events on an opportunity, in its trail. Refusals of these are recorded as refused requests. */
export const OPPORTUNITY_ACTIONS = [
  'raise-opportunity',
  'support-opportunity',
  'withdraw-support',
  'comment-opportunity',
  'accept-opportunity',
  'decline-opportunity',
  'mark-duplicate',
  'promote-opportunity',
  /** The initiative it was promoted to could not be started: open again. */
  'promotion-released',
  /** A service watch found its KPI in breach again, with the evidence. */
  'watch-breach',
  /** A service watch found its KPI back within its rule. */
  'watch-recovered',
  /** The initiative it became closed: its closure code and achieved benefit. */
  'initiative-result',
] as const;
export type OpportunityAction = (typeof OPPORTUNITY_ACTIONS)[number];

/**
 * How an initiative ended, for the portfolio: derived from its outcome (completed: successful;
 * cancelled: withdrawn; cycle limit reached: unsuccessful), editable with a reason.
 */
export const CLOSURE_CODES = ['successful', 'withdrawn', 'unsuccessful'] as const;
export type ClosureCode = (typeof CLOSURE_CODES)[number];

/** Every action whose refusal is recorded (in the initiative's trail, or as a refused request). */
export const REFUSABLE_ACTIONS = [
  ...COMMAND_ACTIONS,
  ...OPPORTUNITY_ACTIONS,
  ...WATCH_ACTIONS,
  ...PEOPLE_ACTIONS,
] as const;
export type RefusableAction = (typeof REFUSABLE_ACTIONS)[number];
