import type { ServiceWatchDefinition } from '@cio/contracts';
import {
  assessWatch,
  nextWatchState,
  refuseWatchManagement,
  refuseWatchSamples,
  type WatchPeriod,
  watchPeriods,
} from './service-watch';

const HOUR = 3_600_000;

const watch = (overrides: Partial<ServiceWatchDefinition> = {}): ServiceWatchDefinition => ({
  id: 'helpdesk',
  title: 'Help desk response time',
  service: 'customer-support',
  department: 'customer-service',
  kpi: { name: 'response_minutes', unit: 'min', direction: 'lower-is-better', aggregate: 'median' },
  rule: { kind: 'threshold', value: 30 },
  recentPeriodMs: 24 * HOUR,
  baselinePeriodMs: 7 * 24 * HOUR,
  minSamples: 5,
  consecutiveChecks: 3,
  checkIntervalMs: HOUR,
  ...overrides,
});

const period = (values: number[]): WatchPeriod => ({
  from: '2026-11-23T00:00:00.000Z',
  to: '2026-11-24T00:00:00.000Z',
  values,
});

/** `count` values spread evenly around `centre` (± `spread`), deterministic. */
const around = (centre: number, count: number, spread = 2) =>
  Array.from({ length: count }, (_, i) => centre - spread + (2 * spread * i) / Math.max(1, count - 1));

describe('watchPeriods', () => {
  it('ends the recent period at the check, and puts the baseline right before it (degradation only)', () => {
    const at = new Date('2026-11-24T12:00:00Z');
    expect(watchPeriods(watch(), at)).toEqual({
      recent: { from: '2026-11-23T12:00:00.000Z', to: '2026-11-24T12:00:00.000Z' },
    });
    expect(
      watchPeriods(watch({ rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 10 } }), at),
    ).toEqual({
      recent: { from: '2026-11-23T12:00:00.000Z', to: '2026-11-24T12:00:00.000Z' },
      baseline: { from: '2026-11-16T12:00:00.000Z', to: '2026-11-23T12:00:00.000Z' },
    });
  });
});

describe('assessWatch', () => {
  describe('a threshold', () => {
    it('is breached above it when lower is better, and not below', () => {
      const breach = assessWatch(watch(), period(around(35, 10)));
      expect(breach).toMatchObject({ outcome: 'breach', threshold: 30, recent: { value: 35, samples: 10 } });
      expect(breach.reason).toContain('worse than the threshold 30 min');
      expect(assessWatch(watch(), period(around(25, 10))).outcome).toBe('within');
    });

    it('is breached below it when higher is better, and not above', () => {
      const satisfaction = watch({
        kpi: { name: 'csat', unit: 'points', direction: 'higher-is-better', aggregate: 'mean' },
        rule: { kind: 'threshold', value: 8 },
      });
      expect(assessWatch(satisfaction, period(around(7, 10))).outcome).toBe('breach');
      expect(assessWatch(satisfaction, period(around(9, 10))).outcome).toBe('within');
    });

    it('is inconclusive with fewer samples than the watch needs', () => {
      const evidence = assessWatch(watch(), period([90, 95, 99]));
      expect(evidence).toMatchObject({ outcome: 'inconclusive', recent: { samples: 3, value: 95 } });
      expect(evidence.reason).toContain('fewer than the 5');
    });
  });

  describe('a degradation against the trailing baseline', () => {
    const degradation = watch({ rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 10 } });

    it('is a breach when significantly and sufficiently worse', () => {
      const evidence = assessWatch(degradation, period(around(18, 30)), period(around(12, 30)));
      expect(evidence).toMatchObject({
        outcome: 'breach',
        test: 'mann-whitney',
        changePercent: 50,
        recent: { value: 18, samples: 30 },
        baseline: { value: 12, samples: 30 },
      });
      expect(evidence.pValue).toBeLessThan(0.05);
    });

    it('is within when the difference is not significant', () => {
      const evidence = assessWatch(degradation, period(around(13, 6, 6)), period(around(12, 6, 6)));
      expect(evidence.outcome).toBe('within');
      expect(evidence.pValue).toBeGreaterThan(0.05);
      expect(evidence.reason).toContain('no significant degradation');
    });

    it('is within when significant but smaller than the change that matters', () => {
      const evidence = assessWatch(degradation, period(around(12.6, 200, 0.2)), period(around(12, 200, 0.2)));
      expect(evidence.pValue).toBeLessThan(0.05);
      expect([evidence.outcome, evidence.changePercent]).toEqual(['within', 5]);
    });

    it('is within when better, however significant (a Welch test for a mean)', () => {
      const mean = watch({
        kpi: { ...degradation.kpi, aggregate: 'mean' },
        rule: degradation.rule,
      });
      const evidence = assessWatch(mean, period(around(8, 30)), period(around(12, 30)));
      expect([evidence.outcome, evidence.test]).toEqual(['within', 'welch']);
    });

    it('is inconclusive with too few samples in the baseline', () => {
      const evidence = assessWatch(degradation, period(around(18, 30)), period([12, 12]));
      expect(evidence).toMatchObject({ outcome: 'inconclusive', baseline: { samples: 2 } });
      expect(evidence.reason).toContain('baseline');
    });
  });
});

describe('nextWatchState', () => {
  it('raises after N breaches in a row, then adds to the open opportunity', () => {
    expect(nextWatchState(0, 'breach', 3, false)).toEqual({ consecutive: 1, act: 'none' });
    expect(nextWatchState(1, 'breach', 3, false)).toEqual({ consecutive: 2, act: 'none' });
    expect(nextWatchState(2, 'breach', 3, false)).toEqual({ consecutive: 3, act: 'raise' });
    expect(nextWatchState(3, 'breach', 3, true)).toEqual({ consecutive: 4, act: 'support' });
  });

  it('starts counting again after a check within the rule, noting a recovery on the open opportunity', () => {
    expect(nextWatchState(4, 'within', 3, true)).toEqual({ consecutive: 0, act: 'recovered' });
    expect(nextWatchState(0, 'within', 3, true)).toEqual({ consecutive: 0, act: 'none' });
    expect(nextWatchState(2, 'within', 3, false)).toEqual({ consecutive: 0, act: 'none' });
  });

  it('raises once per streak: one declined or promoted meanwhile is not raised again until a recovery', () => {
    expect(nextWatchState(3, 'breach', 3, false)).toEqual({ consecutive: 4, act: 'none' });
    expect(nextWatchState(9, 'breach', 3, false)).toEqual({ consecutive: 10, act: 'none' });
    expect(nextWatchState(10, 'within', 3, false)).toEqual({ consecutive: 0, act: 'none' });
    expect(nextWatchState(2, 'breach', 3, false)).toEqual({ consecutive: 3, act: 'raise' });
  });

  it('leaves the count as it was after an inconclusive check', () => {
    expect(nextWatchState(2, 'inconclusive', 3, false)).toEqual({ consecutive: 2, act: 'none' });
  });
});

describe('who may manage a watch and push its samples', () => {
  const managers = ['improvement-manager'];
  const maria = { user: 'maria', roles: ['improvement-manager'], departments: ['customer-service'] };

  it('lets a manager of its department or an admin manage it', () => {
    expect(refuseWatchManagement(maria, watch(), managers)).toBeNull();
    expect(
      refuseWatchManagement({ user: 'root', roles: ['admin'], departments: [] }, watch(), managers),
    ).toBeNull();
    expect(refuseWatchManagement({ ...maria, departments: ['finance'] }, watch(), managers)?.code).toBe(
      'DEPARTMENT_NOT_ALLOWED',
    );
    expect(refuseWatchManagement({ ...maria, roles: ['agent'] }, watch(), managers)?.code).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });

  it('lets its department or an admin push samples', () => {
    expect(refuseWatchSamples({ roles: ['tool'], departments: ['customer-service'] }, watch())).toBeNull();
    expect(refuseWatchSamples({ roles: ['admin'], departments: [] }, watch())).toBeNull();
    expect(refuseWatchSamples({ roles: ['tool'], departments: ['it'] }, watch())?.code).toBe(
      'DEPARTMENT_NOT_ALLOWED',
    );
  });
});
