import fc from 'fast-check';
import {
  bootstrapDifferenceCi,
  changeAgainstBaseline,
  mannWhitneyU,
  quantile,
  summarize,
  welchTest,
} from '@cio/domain/statistics';
import reference from './kpi-statistics.reference.json';

// Our statistics against NumPy/SciPy (scripts/reference/statistics_reference.py wrote the JSON).
const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
};

describe('KPI statistics against SciPy', () => {
  it('quantiles interpolate linearly like NumPy and percentile_cont', () => {
    const sorted = [...reference.quantiles.values].sort((a, b) => a - b);
    for (const [p, expected] of Object.entries(reference.quantiles.expected))
      close(quantile(sorted, Number(p)), expected);
  });

  describe.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it('summarises both samples', () => {
      for (const side of ['baseline', 'current'] as const) {
        const ours = summarize(c[side]);
        const theirs = c.summary[side];
        for (const key of ['n', 'mean', 'variance', 'median', 'p90', 'p95', 'last'] as const)
          close(ours[key], theirs[key]);
      }
    });

    it("Welch's t-test and interval from sufficient statistics", () => {
      const stats = (side: 'baseline' | 'current') => ({
        n: c.summary[side].n,
        mean: c.summary[side].mean,
        variance: c.summary[side].variance,
      });
      const ours = welchTest(stats('baseline'), stats('current'));
      close(ours.t, c.welch.t);
      close(ours.df, c.welch.df);
      close(ours.pValue, c.welch.pValue);
      close(ours.ci?.[0], c.welch.ci[0] as number);
      close(ours.ci?.[1], c.welch.ci[1] as number);
    });

    it('Mann–Whitney U with tie and continuity corrections', () => {
      const ours = mannWhitneyU(c.current, c.baseline);
      close(ours.u, c.mannWhitney.u);
      close(ours.pValue, c.mannWhitney.pValue);
    });

    // Another generator than NumPy's: the bounds agree within a tenth of the interval's width.
    it('a bootstrap interval for the change of the median close to SciPy’s', () => {
      const ours = bootstrapDifferenceCi(c.baseline, c.current, 'median', { seed: 7, resamples: 2000 });
      const [low, high] = c.bootstrapMedianCi as [number, number];
      const width = Math.max(high - low, 1e-9);
      const [ourLow, ourHigh] = ours ?? [Number.NaN, Number.NaN];
      expect(Math.abs(ourLow - low)).toBeLessThanOrEqual(0.1 * width + 1e-9);
      expect(Math.abs(ourHigh - high)).toBeLessThanOrEqual(0.1 * width + 1e-9);
    });
  });
});

describe('KPI statistics properties', () => {
  const sample = fc.array(
    fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10),
    { minLength: 2, maxLength: 40 },
  );

  it('U of one sample plus U of the other is n1·n2; p is a probability', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const a = mannWhitneyU(x, y);
        const b = mannWhitneyU(y, x);
        expect(a.u + b.u).toBeCloseTo(x.length * y.length, 9);
        if (a.pValue !== null) expect(a.pValue).toBeGreaterThanOrEqual(0);
        if (a.pValue !== null) expect(a.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('the Welch interval is centred on the difference and contains it', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const [sx, sy] = [summarize(x), summarize(y)];
        const result = welchTest(sx, sy);
        if (result.ci === null) return;
        expect(result.ci[0]).toBeLessThanOrEqual(result.difference);
        expect(result.ci[1]).toBeGreaterThanOrEqual(result.difference);
        expect(result.ci[0] + result.ci[1]).toBeCloseTo(2 * result.difference, 6);
      }),
    );
  });

  it('quantiles grow with p', () => {
    fc.assert(
      fc.property(
        sample,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, p, q) => {
          const sorted = [...x].sort((a, b) => a - b);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(quantile(sorted, lo)).toBeLessThanOrEqual(quantile(sorted, hi));
        },
      ),
    );
  });

  it('the bootstrap is reproducible by seed and degenerate inputs give null, not NaN', () => {
    const x = [1, 5, 2, 8, 3, 9, 4];
    const y = [10, 12, 11, 15, 13];
    expect(bootstrapDifferenceCi(y, x, 'p90', { seed: 1 })).toEqual(
      bootstrapDifferenceCi(y, x, 'p90', { seed: 1 }),
    );
    expect(bootstrapDifferenceCi([1], x, 'median', { seed: 1 })).toBeNull();
    expect(welchTest({ n: 5, mean: 3, variance: 0 }, { n: 5, mean: 3, variance: 0 }).pValue).toBeNull();
    expect(mannWhitneyU([2, 2, 2], [2, 2]).pValue).toBeNull();
    expect(changeAgainstBaseline(0, 3)).toEqual({ absolute: 3, percent: null });
    expect(changeAgainstBaseline(12, 6.5)).toEqual({ absolute: -5.5, percent: (-5.5 / 12) * 100 });
  });
});
