import type { Aggregate, BenefitCategory, Direction } from '@cio/contracts';

export interface KpiHint {
  name: string;
  unit: string;
  direction: Direction;
  aggregate: Aggregate;
  /** Why this KPI would show the benefit. */
  why: string;
}

/**
 * KPIs that usually show a benefit of this category: starting points for the initiative's
 * goal, which its manager edits (names, units and targets are theirs to set).
 */
export const KPI_HINTS: Readonly<Record<BenefitCategory, readonly KpiHint[]>> = {
  time: [
    {
      name: 'resolution_minutes',
      unit: 'minutes',
      direction: 'lower-is-better',
      aggregate: 'p90',
      why: 'time to resolve, as most users feel it (90th percentile)',
    },
    {
      name: 'first_response_minutes',
      unit: 'minutes',
      direction: 'lower-is-better',
      aggregate: 'median',
      why: 'how long people wait for a first answer',
    },
  ],
  'customer-satisfaction': [
    {
      name: 'csat',
      unit: 'score',
      direction: 'higher-is-better',
      aggregate: 'mean',
      why: 'the scores customers give (feedback)',
    },
  ],
  quality: [
    {
      name: 'reopened_share',
      unit: 'ratio',
      direction: 'lower-is-better',
      aggregate: 'mean',
      why: 'work that had to be done again',
    },
    {
      name: 'first_time_fix_share',
      unit: 'ratio',
      direction: 'higher-is-better',
      aggregate: 'mean',
      why: 'work done right the first time',
    },
  ],
  cost: [
    {
      name: 'cost_per_ticket',
      unit: 'EUR',
      direction: 'lower-is-better',
      aggregate: 'mean',
      why: 'what one unit of work costs',
    },
  ],
  risk: [
    {
      name: 'incidents_per_week',
      unit: 'count',
      direction: 'lower-is-better',
      aggregate: 'mean',
      why: 'how often it goes wrong',
    },
  ],
  revenue: [
    {
      name: 'conversion_share',
      unit: 'ratio',
      direction: 'higher-is-better',
      aggregate: 'mean',
      why: 'the share of visits that buy',
    },
  ],
};
