// The register's words for an opportunity, in the order a person reads them. Each list is the
// keys of a record over the contract's type, so a word the API adds is a type error here.
import type {
  BenefitCategory,
  BenefitLevel,
  ClosureCode,
  EffortSize,
  OpportunityOrigin,
  OpportunityStatus,
  RiskLevel,
} from '../api/types';

function keysOf<K extends string>(record: Record<K, true>): readonly K[] {
  return Object.keys(record) as K[];
}

export const ORIGINS = keysOf<OpportunityOrigin>({
  idea: true,
  incident: true,
  problem: true,
  'customer-feedback': true,
  monitoring: true,
  review: true,
});
export const BENEFIT_CATEGORIES = keysOf<BenefitCategory>({
  cost: true,
  time: true,
  quality: true,
  'customer-satisfaction': true,
  risk: true,
  revenue: true,
});
/** Lowest first. */
export const BENEFIT_LEVELS = keysOf<BenefitLevel>({
  low: true,
  medium: true,
  high: true,
  'very-high': true,
});
/** Smallest first. */
export const EFFORT_SIZES = keysOf<EffortSize>({ S: true, M: true, L: true, XL: true });
export const RISK_LEVELS = keysOf<RiskLevel>({ low: true, medium: true, high: true });
export const STATUSES = keysOf<OpportunityStatus>({
  new: true,
  accepted: true,
  declined: true,
  duplicate: true,
  promoted: true,
});
export const CLOSURE_CODES = keysOf<ClosureCode>({ successful: true, withdrawn: true, unsuccessful: true });

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
