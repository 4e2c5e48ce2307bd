// A watch in words: its rule, how its KPI is measured, what a check did. Pure functions of the
// catalogue and the formatter (the page's hooks pass the person's), so the specs read them too.
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchAct, WatchCheck, WatchDefinition } from '../api/types';
import { type Formatter, useFormat } from '../i18n/format';

type Rules = Pick<WatchDefinition, 'kpi' | 'rule' | 'recentPeriodMs' | 'baselinePeriodMs'>;

/** "Median over the last 1 day above 30 min", or significantly worse than the baseline before it. */
export function ruleText(t: TFunction, format: Formatter, watch: Rules): string {
  const { kpi, rule } = watch;
  const common = {
    aggregate: t(`aggregate.${kpi.aggregate}`),
    recent: format.duration(watch.recentPeriodMs),
    unit: kpi.unit,
  };
  if (rule.kind === 'threshold')
    return t(`watchText.threshold.${kpi.direction}`, { ...common, value: format.number(rule.value) });
  return t(`watchText.degradation.${kpi.direction}`, {
    ...common,
    baseline: format.duration(watch.baselinePeriodMs),
    alpha: format.number(rule.alpha, { maximumFractionDigits: 4 }),
    change: format.number(rule.minChangePercent),
  });
}

/** Pushed through the API, or pulled from a data source by a query (or a ratio of two counters). */
export function sourceText(t: TFunction, kpi: WatchDefinition['kpi']): string {
  const source = kpi.source;
  if (!source) return t('watchText.pushed');
  return source.kind === 'threshold'
    ? t('watchText.pulledQuery', { dataSource: source.dataSource, query: source.query })
    : t('watchText.pulledRatio', { dataSource: source.dataSource, good: source.good, total: source.total });
}

/** What a check did to the opportunity it raised (none: nothing to say). */
export function actText(t: TFunction, act: WatchAct, opportunityId: string | null): string | null {
  if (act === 'none' || !opportunityId) return null;
  return t(`watchText.act.${act}`, { id: opportunityId });
}

/** The change against the baseline, signed, as a percentage ("+25 %"). */
export function changeText(format: Formatter, check: Pick<WatchCheck, 'evidence'>): string {
  const change = check.evidence.changePercent;
  return change === undefined
    ? '—'
    : format.number(change / 100, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 });
}

export function useWatchText() {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    rule: useCallback((watch: Rules) => ruleText(t, format, watch), [t, format]),
    source: useCallback((kpi: WatchDefinition['kpi']) => sourceText(t, kpi), [t]),
    act: useCallback((act: WatchAct, opportunityId: string | null) => actText(t, act, opportunityId), [t]),
    change: useCallback((check: Pick<WatchCheck, 'evidence'>) => changeText(format, check), [format]),
  };
}
