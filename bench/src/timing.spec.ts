import { quantileRatioCi } from './timing';

// The interval the approval benchmark prints next to each ratio: how far it could move in the
// next run on the same machine.
describe('quantileRatioCi', () => {
  const series = (n: number, from: number, step: number) =>
    Array.from({ length: n }, (_, i) => from + i * step);

  it('brackets the measured ratio, and is the same for the same seed', () => {
    const gateway = series(800, 30, 0.05);
    const bare = series(800, 27, 0.05);
    const [low, high] = quantileRatioCi(gateway, bare, 0.5);
    expect(low).toBeLessThanOrEqual((30 + 399.5 * 0.05) / (27 + 399.5 * 0.05));
    expect(high).toBeGreaterThanOrEqual((30 + 399.5 * 0.05) / (27 + 399.5 * 0.05));
    expect(quantileRatioCi(gateway, bare, 0.5)).toEqual([low, high]);
  });

  it('is wider for a tail quantile than for the median of the same samples', () => {
    const gateway = series(800, 30, 0.05).map((ms, i) => (i % 97 === 0 ? ms * 3 : ms));
    const bare = series(800, 30, 0.05).map((ms, i) => (i % 89 === 0 ? ms * 3 : ms));
    const width = ([low, high]: [number, number]) => high - low;
    expect(width(quantileRatioCi(gateway, bare, 0.99))).toBeGreaterThan(
      width(quantileRatioCi(gateway, bare, 0.5)),
    );
  });

  it('is a single point when both samples are constant', () => {
    expect(quantileRatioCi([10, 10, 10], [5, 5, 5], 0.99)).toEqual([2, 2]);
  });
});
