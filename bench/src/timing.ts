import { bootstrapCi, quantile } from '@cio/domain/statistics';

/** Milliseconds a call takes, by the monotonic clock. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function percentiles(samples: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), n: sorted.length };
}

/**
 * A seeded 95% bootstrap interval of quantile(a, p) / quantile(b, p): how far the ratio measured
 * in one run could move in the next on the same machine.
 */
export function quantileRatioCi(
  a: readonly number[],
  b: readonly number[],
  p: number,
  options: { resamples?: number; confidence?: number; seed?: number } = {},
): [number, number] {
  return bootstrapCi(a, b, (x, y) => quantile(x.sort(), p) / quantile(y.sort(), p), {
    ...options,
    seed: options.seed ?? 20261125,
  });
}

export const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
