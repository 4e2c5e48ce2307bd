import type {
  BenefitCategory,
  OpportunityInput,
  ServiceWatchDefinition,
  WatchedKpi,
  WatchEvidence,
} from '@cio/contracts';

/**
 * The opportunity a watch's breach raises (origin monitoring): what was found, a benefit category
 * from the KPI, and the watch's page as its reference. Its triage decides the rest.
 */
const DURATION_UNITS = /^(ms|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?)$/i;

/** Durations are time; satisfaction scores the customers'; anything else the service's quality. */
export function benefitCategoryOf(kpi: WatchedKpi): BenefitCategory {
  if (DURATION_UNITS.test(kpi.unit.trim())) return 'time';
  if (/satisf|csat|nps/i.test(kpi.name)) return 'customer-satisfaction';
  return 'quality';
}

/** The opportunity a breach raises: what was found, and a link to the watch's chart. */
export function opportunityOfBreach(
  watch: Pick<
    ServiceWatchDefinition,
    'id' | 'title' | 'service' | 'department' | 'kpi' | 'rule' | 'consecutiveChecks'
  >,
  evidence: WatchEvidence,
): OpportunityInput {
  const { kpi, rule, consecutiveChecks } = watch;
  const finding = rule.kind === 'threshold' ? `worse than ${rule.value} ${kpi.unit}` : 'degraded';
  return {
    title: `${watch.service}: ${kpi.name} ${finding}`,
    description: `The service watch '${watch.title}' found ${kpi.name} ${finding} in ${consecutiveChecks} checks in a row. Last check: ${evidence.reason}.`,
    service: watch.service,
    department: watch.department,
    origin: 'monitoring',
    reference: `/app/watches/${watch.id}`,
    benefit: {
      category: benefitCategoryOf(kpi),
      level: 'medium',
      description: `${kpi.name} back within the watch's rule`,
    },
    effort: 'M',
    risk: 'medium',
    objectives: [],
  };
}
