import {
  BENEFIT_LEVELS,
  DEFAULT_PRIORITY_WEIGHTS,
  type BenefitLevel,
  EFFORT_SIZES,
  type EffortSize,
  type PriorityScore,
  type PriorityWeights,
  RISK_LEVELS,
  type RiskLevel,
  type ScorePart,
} from '@cio/contracts';

export { DEFAULT_PRIORITY_WEIGHTS };

/** Objectives beyond this many add nothing: listing every objective must not buy a rank. */
export const MAX_SCORED_OBJECTIVES = 3;

export interface ScoredOpportunity {
  benefit: { level: BenefitLevel };
  effort: EffortSize;
  risk: RiskLevel;
  objectives: readonly string[];
  supporters: number;
}

const benefitLevel = (level: BenefitLevel) => BENEFIT_LEVELS.indexOf(level) + 1;
const effortLevel = (effort: EffortSize) => EFFORT_SIZES.indexOf(effort);
const riskLevel = (risk: RiskLevel) => RISK_LEVELS.indexOf(risk);
const round = (value: number) => Math.round(value * 100) / 100;

/** The score and its parts, so a reader sees why an opportunity ranks where it does. */
export function priorityScore(opportunity: ScoredOpportunity, weights: PriorityWeights): PriorityScore {
  const supporters = Math.max(0, opportunity.supporters);
  const objectives = Math.min(MAX_SCORED_OBJECTIVES, new Set(opportunity.objectives).size);
  const parts: ScorePart[] = [
    {
      factor: 'benefit',
      input: opportunity.benefit.level,
      weight: weights.benefit,
      points: round(weights.benefit * benefitLevel(opportunity.benefit.level)),
    },
    {
      factor: 'effort',
      input: opportunity.effort,
      weight: weights.effort,
      points: round(-weights.effort * effortLevel(opportunity.effort)),
    },
    {
      factor: 'risk',
      input: opportunity.risk,
      weight: weights.risk,
      points: round(-weights.risk * riskLevel(opportunity.risk)),
    },
    {
      factor: 'support',
      input: String(supporters),
      weight: weights.support,
      points: round(weights.support * Math.log2(1 + supporters)),
    },
    {
      factor: 'objectives',
      input: String(objectives),
      weight: weights.objectives,
      points: round(weights.objectives * objectives),
    },
  ];
  return { total: round(parts.reduce((sum, part) => sum + part.points, 0)), parts };
}

/** Names a model, so rows scored under other weights are found and rescored. */
export const scoreModelOf = (weights: PriorityWeights) =>
  `b${weights.benefit}-e${weights.effort}-r${weights.risk}-s${weights.support}-o${weights.objectives}`;
