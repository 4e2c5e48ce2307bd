import { defaultWatchForm, toCreateWatchBody, watchFieldOf } from './watch-form';

describe('the new-watch form', () => {
  const filled = {
    ...defaultWatchForm(['customer-service']),
    title: 'Help desk response time',
    service: 'customer-support',
    kpiName: 'response_minutes',
    unit: 'min',
  };

  it('starts from a degradation rule of a day against four weeks, in the first department', () => {
    expect(toCreateWatchBody(filled)).toEqual({
      problems: null,
      body: {
        title: 'Help desk response time',
        service: 'customer-support',
        department: 'customer-service',
        kpi: { name: 'response_minutes', unit: 'min', direction: 'lower-is-better', aggregate: 'median' },
        rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 10 },
        recentPeriodMs: 86_400_000,
        baselinePeriodMs: 28 * 86_400_000,
        minSamples: 20,
        consecutiveChecks: 3,
        checkIntervalMs: 3_600_000,
      },
    });
  });

  it('sends a threshold rule without a baseline, and a pulled KPI with its source', () => {
    const result = toCreateWatchBody({
      ...filled,
      id: 'helpdesk-response',
      ruleKind: 'threshold',
      threshold: '1,000.5',
      sourceKind: 'threshold',
      dataSource: 'prometheus',
      query: 'up',
      recentPeriod: { amount: '90', unit: 'minutes' },
    });
    expect(result.body).toMatchObject({
      id: 'helpdesk-response',
      rule: { kind: 'threshold', value: 1000.5 },
      kpi: { source: { kind: 'threshold', dataSource: 'prometheus', query: 'up' } },
      recentPeriodMs: 5_400_000,
    });
    expect(result.body).not.toHaveProperty('baselinePeriodMs');
  });

  it('names each field that is missing or wrong, and nothing is sent', () => {
    const result = toCreateWatchBody({
      ...defaultWatchForm(),
      id: 'X',
      kpiName: 'Response Minutes',
      alpha: '0.9',
      minChangePercent: 'lots',
      minSamples: '1',
      consecutiveChecks: '0',
      checkInterval: { amount: '', unit: 'hours' },
      sourceKind: 'ratio',
    });
    expect(result.body).toBeNull();
    expect(result.problems).toEqual({
      id: { problem: 'id' },
      title: { problem: 'required' },
      service: { problem: 'required' },
      department: { problem: 'required' },
      kpiName: { problem: 'kpiName' },
      unit: { problem: 'required' },
      dataSource: { problem: 'required' },
      good: { problem: 'required' },
      total: { problem: 'required' },
      alpha: { problem: 'alpha' },
      minChangePercent: { problem: 'number' },
      minSamples: { problem: 'whole', min: 2, max: 1_000_000 },
      consecutiveChecks: { problem: 'whole', min: 1, max: 100 },
      checkInterval: { problem: 'required' },
    });
  });

  it("places the API's field errors at the form's fields", () => {
    expect(watchFieldOf('kpi.name')).toBe('kpiName');
    expect(watchFieldOf('kpi.source.dataSource')).toBe('dataSource');
    expect(watchFieldOf('kpi.source')).toBe('sourceKind');
    expect(watchFieldOf('rule.value')).toBe('threshold');
    expect(watchFieldOf('rule.alpha')).toBe('alpha');
    expect(watchFieldOf('recentPeriodMs')).toBe('recentPeriod');
    expect(watchFieldOf('baselinePeriodMs')).toBe('baselinePeriod');
    expect(watchFieldOf('checkIntervalMs')).toBe('checkInterval');
    expect(watchFieldOf('id')).toBe('id');
    expect(watchFieldOf('severity')).toBeNull();
  });
});
