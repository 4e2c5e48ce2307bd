import type { EvaluationRecord, Kpi, KpiSeries } from '../api/types';
import { shapeChart, targetOf } from './chart-data';

const T0 = Date.parse('2026-11-24T09:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const sec = (s: number) => T0 / 1000 + s;

const kpi: Kpi = {
  name: 'response_minutes',
  unit: 'minutes',
  direction: 'lower-is-better',
  aggregate: 'median',
  target: { kind: 'absolute', value: 5 },
};

function record(partial: Partial<EvaluationRecord>): EvaluationRecord {
  return {
    cycle: 1,
    kind: 'evaluation',
    reviewNumber: 0,
    kpi: 'response_minutes',
    aggregate: 'median',
    baseline: 12,
    target: 5,
    observed: 6.5,
    samples: 35,
    verdict: 'not-met',
    windowFrom: iso(20),
    windowTo: iso(25),
    changeAbsolute: -5.5,
    changePercent: -45.8,
    test: 'mann-whitney-u',
    pValue: 0.0001,
    ciLow: -6,
    ciHigh: -5,
    recordedAt: iso(25),
    ...partial,
  };
}

const series: KpiSeries = {
  aggregate: 'median',
  from: iso(0),
  to: iso(60),
  bucketMs: 2_000,
  points: [
    { at: iso(2), value: 12, samples: 40 },
    { at: iso(20), value: 6.5, samples: 35 },
    { at: iso(40), value: 4.2, samples: 32 },
  ],
};

describe('the KPI chart', () => {
  it('puts the buckets at their middle, the baseline and target as lines over the whole range', () => {
    const model = shapeChart({
      kpi,
      series,
      baseline: { kpi: 'response_minutes', value: 12, samples: 40, from: iso(0), to: iso(5) },
      evaluations: [record({})],
      followUps: [],
      openWindow: null,
      now: T0 + 50_000,
    });
    expect(model.data).toEqual([
      [sec(0), sec(3), sec(21), sec(41), sec(60)],
      [null, 12, 6.5, 4.2, null],
      [12, 12, 12, 12, 12],
      [5, 5, 5, 5, 5],
    ]);
    expect(model.x).toEqual({ min: sec(0), max: sec(60) });
    expect(model.y.min).toBe(0);
    expect(model.y.max).toBeGreaterThan(12);
    expect(model.points).toBe(3);
  });

  it('shades the baseline window, each evaluation and follow-up with its observed value, and the open window', () => {
    const model = shapeChart({
      kpi,
      series,
      baseline: { kpi: 'response_minutes', value: 12, samples: 40, from: iso(0), to: iso(5) },
      evaluations: [
        record({}),
        record({ cycle: 2, observed: 4.2, verdict: 'met', windowFrom: iso(30), windowTo: iso(35) }),
        record({
          cycle: 2,
          kind: 'follow-up',
          reviewNumber: 1,
          observed: 4.5,
          verdict: 'met',
          windowFrom: iso(35),
          windowTo: iso(41),
        }),
        record({
          cycle: 2,
          kind: 'follow-up',
          reviewNumber: 2,
          observed: 7,
          verdict: 'not-met',
          windowFrom: iso(41),
          windowTo: iso(47),
        }),
        record({ kpi: 'other_kpi', observed: 99 }),
      ],
      followUps: [
        { number: 1, cycle: 2, outcome: 'met', windowFrom: iso(35), windowTo: iso(41), recordedAt: iso(41) },
        {
          number: 2,
          cycle: 2,
          outcome: 'regression',
          windowFrom: iso(41),
          windowTo: iso(47),
          recordedAt: iso(47),
        },
      ],
      openWindow: { from: iso(55), endsAt: iso(70) },
      now: T0 + 58_000,
    });
    expect(
      model.windows.map((w) => [w.kind, w.from, w.to, w.observed, w.verdict, w.cycle, w.review]),
    ).toEqual([
      ['baseline', sec(0), sec(5), 12, null, null, null],
      ['evaluation', sec(20), sec(25), 6.5, 'not-met', 1, null],
      ['evaluation', sec(30), sec(35), 4.2, 'met', 2, null],
      ['follow-up', sec(35), sec(41), 4.5, 'met', 2, 1],
      ['follow-up', sec(41), sec(47), 7, 'regression', 2, 2],
      ['open', sec(55), sec(70), null, null, null, null],
    ]);
    // The open window reaches past the series: the x range follows it.
    expect(model.x.max).toBe(sec(70));
    expect(model.data[0].at(-1)).toBe(sec(70));
  });

  it('takes the target from the last evaluation, else the definition (relative to the baseline)', () => {
    expect(targetOf(kpi, 12, [record({ target: 4 })])).toBe(4);
    expect(targetOf(kpi, 12, [])).toBe(5);
    const relative: Kpi = { ...kpi, target: { kind: 'relative', improvementPercent: 25 } };
    expect(targetOf(relative, 12, [])).toBe(9);
    expect(targetOf({ ...relative, direction: 'higher-is-better' }, 80, [])).toBe(100);
    expect(targetOf(relative, null, [])).toBeNull();
  });

  it('draws nothing but the range when there are no samples and no baseline yet', () => {
    const model = shapeChart({
      kpi,
      series: { ...series, points: [] },
      baseline: undefined,
      evaluations: [],
      followUps: [],
      openWindow: { from: iso(0), endsAt: iso(5) },
      now: T0 + 1_000,
    });
    expect(model.data).toEqual([
      [sec(0), sec(60)],
      [null, null],
      [null, null],
      [5, 5],
    ]);
    expect(model.windows).toHaveLength(1);
  });
});
