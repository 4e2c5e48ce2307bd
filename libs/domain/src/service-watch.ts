import {
  ADMIN_ROLE,
  type Aggregate,
  type Caller,
  InitiativeErrorCode,
  type Refusal,
  type ServiceWatchDefinition,
  type WatchEvidence,
  type WatchRule,
} from '@cio/contracts';
import { changeAgainstBaseline, mannWhitneyU, summarize, welchTest } from './kpi-statistics';
import { refuseTriage } from './opportunities/triage-rights';

/** A period's samples, as a check reads them. */
export interface WatchPeriod {
  from: string;
  to: string;
  values: readonly number[];
}

/** The periods a check at `at` looks at: the recent period ending then, and the baseline before it. */
export function watchPeriods(
  watch: Pick<ServiceWatchDefinition, 'recentPeriodMs' | 'baselinePeriodMs' | 'rule'>,
  at: Date,
) {
  const recentFrom = at.getTime() - watch.recentPeriodMs;
  return {
    recent: { from: new Date(recentFrom).toISOString(), to: at.toISOString() },
    ...(watch.rule.kind === 'degradation'
      ? {
          baseline: {
            from: new Date(recentFrom - watch.baselinePeriodMs).toISOString(),
            to: new Date(recentFrom).toISOString(),
          },
        }
      : {}),
  };
}

function aggregateOf(aggregate: Aggregate, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = summarize(values);
  return aggregate === 'rate' ? s.mean : s[aggregate];
}

const fixed = (value: number) => Number(value.toFixed(4));

/**
 * What one check finds: `breach` when the recent period is worse than the rule allows, `within`
 * when it is not, `inconclusive` with too few samples to say. A degradation is significant only
 * when the test (Welch's for a mean, Mann-Whitney's otherwise, as evaluations) finds a
 * difference at `alpha` and the aggregate is worse by at least `minChangePercent`.
 */
export function assessWatch(
  watch: Pick<ServiceWatchDefinition, 'kpi' | 'rule' | 'minSamples'>,
  recent: WatchPeriod,
  baseline?: WatchPeriod,
): WatchEvidence {
  const { direction, aggregate, unit } = watch.kpi;
  const worse = (value: number, than: number) =>
    direction === 'lower-is-better' ? value > than : value < than;
  const value = aggregateOf(aggregate, recent.values);
  const recentPart = {
    from: recent.from,
    to: recent.to,
    value: value === null ? null : fixed(value),
    samples: recent.values.length,
  };
  const rule: WatchRule = watch.rule;
  if (recent.values.length < watch.minSamples || value === null) {
    return {
      outcome: 'inconclusive',
      recent: recentPart,
      reason: `${recent.values.length} samples in the recent period, fewer than the ${watch.minSamples} a check needs`,
    };
  }
  if (rule.kind === 'threshold') {
    const breach = worse(value, rule.value);
    return {
      outcome: breach ? 'breach' : 'within',
      recent: recentPart,
      threshold: rule.value,
      reason: `${aggregate} ${fixed(value)} ${unit} is ${breach ? 'worse than' : 'within'} the threshold ${rule.value} ${unit}`,
    };
  }
  const base = baseline?.values ?? [];
  const baseValue = aggregateOf(aggregate, base);
  const basePart = {
    from: baseline?.from ?? recent.from,
    to: baseline?.to ?? recent.from,
    value: baseValue === null ? null : fixed(baseValue),
    samples: base.length,
  };
  if (base.length < watch.minSamples || baseValue === null) {
    return {
      outcome: 'inconclusive',
      recent: recentPart,
      baseline: basePart,
      reason: `${base.length} samples in the baseline period, fewer than the ${watch.minSamples} a check needs`,
    };
  }
  const change = changeAgainstBaseline(baseValue, value).percent;
  const test = aggregate === 'mean' || aggregate === 'rate' ? 'welch' : 'mann-whitney';
  const pValue =
    test === 'welch'
      ? welchTest(
          { n: base.length, mean: summarize(base).mean, variance: summarize(base).variance },
          {
            n: recent.values.length,
            mean: summarize(recent.values).mean,
            variance: summarize(recent.values).variance,
          },
        ).pValue
      : mannWhitneyU(recent.values, base).pValue;
  const worseBy = change === null ? 0 : direction === 'lower-is-better' ? change : -change;
  const breach =
    worse(value, baseValue) && pValue !== null && pValue < rule.alpha && worseBy >= rule.minChangePercent;
  return {
    outcome: breach ? 'breach' : 'within',
    recent: recentPart,
    baseline: basePart,
    ...(change === null ? {} : { changePercent: fixed(change) }),
    test,
    ...(pValue === null ? {} : { pValue: fixed(pValue) }),
    reason: breach
      ? `${aggregate} ${fixed(value)} ${unit} against ${fixed(baseValue)} ${unit} before: ${fixed(worseBy)} % worse, ${test} p = ${fixed(pValue ?? 1)} < ${rule.alpha}`
      : `${aggregate} ${fixed(value)} ${unit} against ${fixed(baseValue)} ${unit} before: no significant degradation (${test} p = ${pValue === null ? 'n/a' : fixed(pValue)}, ${fixed(worseBy)} % worse, needs ${rule.minChangePercent} %)`,
  };
}

/**
 * What a watch does after a check: the breaches in a row, and whether to raise (or add to) an
 * opportunity or note a recovery. An inconclusive check leaves the count as it was.
 */
export function nextWatchState(
  previousConsecutive: number,
  outcome: WatchEvidence['outcome'],
  consecutiveChecks: number,
  hasOpenOpportunity: boolean,
): { consecutive: number; act: 'raise' | 'support' | 'recovered' | 'none' } {
  if (outcome === 'inconclusive') return { consecutive: previousConsecutive, act: 'none' };
  if (outcome === 'within') {
    return { consecutive: 0, act: hasOpenOpportunity && previousConsecutive > 0 ? 'recovered' : 'none' };
  }
  const consecutive = previousConsecutive + 1;
  if (hasOpenOpportunity && consecutive >= consecutiveChecks) return { consecutive, act: 'support' };
  // One opportunity per streak of breaches: one declined, marked a duplicate or promoted during
  // the streak is not raised again until the KPI has recovered.
  return { consecutive, act: consecutive === consecutiveChecks && !hasOpenOpportunity ? 'raise' : 'none' };
}

/**
 * Who may create, pause or resume a watch: whoever triages the opportunities it raises (a manager
 * role in its department, or an admin). Null when allowed.
 */
export function refuseWatchManagement(
  caller: Caller,
  watch: { department: string },
  managerRoles: readonly string[],
): Refusal | null {
  const refusal = refuseTriage(caller, watch, managerRoles);
  return (
    refusal && {
      ...refusal,
      message: `a service watch is managed by who triages what it raises: ${refusal.message}`,
    }
  );
}

/** Who may push a watch's samples: its department (its people and monitoring tools), or an admin. */
export function refuseWatchSamples(
  caller: Pick<Caller, 'roles' | 'departments'>,
  watch: { department: string },
): Refusal | null {
  if (caller.roles.includes(ADMIN_ROLE) || caller.departments.includes(watch.department)) return null;
  return {
    code: InitiativeErrorCode.DEPARTMENT_NOT_ALLOWED,
    message: `samples of this watch are pushed by department '${watch.department}' or an admin`,
  };
}
