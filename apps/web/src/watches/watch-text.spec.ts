import type { WatchDefinition } from '../api/types';
import { i18n } from '../i18n';
import { createFormatter } from '../i18n/format';
import { actText, changeText, ruleText, sourceText } from './watch-text';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const definition = (overrides: Partial<WatchDefinition> = {}): WatchDefinition => ({
  id: 'helpdesk',
  title: 'Help desk response time',
  service: 'customer-support',
  department: 'customer-service',
  kpi: { name: 'response_minutes', unit: 'min', direction: 'lower-is-better', aggregate: 'median' },
  rule: { kind: 'threshold', value: 30 },
  recentPeriodMs: DAY,
  baselinePeriodMs: 28 * DAY,
  minSamples: 20,
  consecutiveChecks: 3,
  checkIntervalMs: HOUR,
  ...overrides,
});

describe('a watch in words', () => {
  const en = i18n.getFixedT('en');
  const zh = i18n.getFixedT('zh-CN');
  const format = createFormatter('en-GB');

  it('says a threshold rule with the way the KPI goes, and periods in human units', () => {
    expect(ruleText(en, format, definition())).toBe('Median over the last 1 day above 30 min');
    expect(
      ruleText(
        en,
        format,
        definition({
          kpi: { name: 'csat', unit: 'score', direction: 'higher-is-better', aggregate: 'mean' },
          rule: { kind: 'threshold', value: 4.2 },
          recentPeriodMs: 90 * 60_000,
        }),
      ),
    ).toBe(`Mean over the last ${format.duration(90 * 60_000)} below 4.2 score`);
    const zhFormat = createFormatter('zh-CN');
    expect(ruleText(zh, zhFormat, definition())).toBe(`最近 ${zhFormat.duration(DAY)} 的中位数高于 30 min`);
  });

  it('says a degradation rule with its baseline, significance level and least change', () => {
    expect(
      ruleText(en, format, definition({ rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 10 } })),
    ).toBe(
      'Median over the last 1 day significantly higher than over the 28 days before it (α = 0.05), by at least 10 %',
    );
  });

  it('says where the samples come from, and what a check did', () => {
    expect(sourceText(en, definition().kpi)).toMatch(/^Pushed to the watch through the API/);
    expect(
      sourceText(en, {
        ...definition().kpi,
        source: { kind: 'threshold', dataSource: 'prometheus', query: 'histogram_quantile(0.5, x)' },
      }),
    ).toBe('Pulled from prometheus: histogram_quantile(0.5, x)');
    expect(actText(en, 'raise', 'o-watch-helpdesk-1')).toBe('Raised o-watch-helpdesk-1');
    expect(actText(en, 'support', 'o-watch-helpdesk-1')).toBe('Added to o-watch-helpdesk-1');
    expect(actText(en, 'none', null)).toBeNull();
    const evidence = (changePercent?: number) => ({
      evidence: {
        outcome: 'breach' as const,
        recent: { from: '', to: '', value: 1, samples: 1 },
        reason: 'r',
        ...(changePercent === undefined ? {} : { changePercent }),
      },
    });
    expect(changeText(format, evidence(25))).toBe('+25%');
    expect(changeText(format, evidence(-3.25))).toBe('-3.3%');
    expect(changeText(format, evidence())).toBe('—');
  });
});
