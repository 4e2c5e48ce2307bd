import type { WatchCheck } from '../api/types';
import { checkChart } from './check-chart';

const check = (
  checkedAt: string,
  outcome: WatchCheck['outcome'],
  value: number | null,
  baseline?: number | null,
): WatchCheck => ({
  checkedAt,
  outcome,
  evidence: {
    outcome,
    recent: { from: '', to: checkedAt, value, samples: value === null ? 0 : 5 },
    ...(baseline === undefined ? {} : { baseline: { from: '', to: '', value: baseline, samples: 20 } }),
    reason: 'r',
  },
  consecutive: 0,
  act: 'none',
  opportunityId: null,
});

describe("a watch's checks chart", () => {
  it('puts the checks oldest first, with the threshold as the line they were judged against', () => {
    const model = checkChart(
      [
        check('2026-11-24T11:00:00Z', 'breach', 42),
        check('2026-11-24T10:00:00Z', 'within', 20),
        check('2026-11-24T09:00:00Z', 'inconclusive', null),
      ],
      { kind: 'threshold', value: 30 },
    )!;
    expect(model.points.map((p) => [p.value, p.reference, p.outcome])).toEqual([
      [null, 30, 'inconclusive'],
      [20, 30, 'within'],
      [42, 30, 'breach'],
    ]);
    expect([model.reference, model.threshold, model.breaches, model.last]).toEqual(['threshold', 30, 1, 42]);
    expect(model.x).toEqual({
      min: Date.parse('2026-11-24T09:00:00Z'),
      max: Date.parse('2026-11-24T11:00:00Z'),
    });
    // The threshold and every value fit, with room around them.
    expect(model.y.min).toBeLessThan(20);
    expect(model.y.max).toBeGreaterThan(42);
  });

  it("judges a degradation against each check's own baseline", () => {
    const model = checkChart(
      [check('2026-11-24T10:00:00Z', 'breach', 14, 10), check('2026-11-24T09:00:00Z', 'within', 10.5, 10.2)],
      { kind: 'degradation', alpha: 0.05, minChangePercent: 10 },
    )!;
    expect(model.reference).toBe('baseline');
    expect(model.threshold).toBeNull();
    expect(model.points.map((p) => p.reference)).toEqual([10.2, 10]);
  });

  it('has nothing to draw without checks, and a span when every value is the same', () => {
    expect(checkChart([], { kind: 'threshold', value: 1 })).toBeNull();
    const flat = checkChart([check('2026-11-24T10:00:00Z', 'within', 5)], { kind: 'threshold', value: 5 })!;
    expect(flat.y.max).toBeGreaterThan(flat.y.min);
  });
});
