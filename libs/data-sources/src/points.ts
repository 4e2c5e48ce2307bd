/** One pulled sample: its time and its value. */
export interface Point {
  at: number;
  value: number;
}

/** A window of pulled samples and the step between them (seconds, as the sources take it). */
export interface PullRange {
  from: number;
  to: number;
  stepSeconds: number;
}

/**
 * The step-aligned instants of [from, to) at which samples are taken: the same instants for every
 * pull of the window, so that a re-pull finds the samples it already stored.
 */
export function stepInstants(range: PullRange): { first: number; last: number } | null {
  const step = range.stepSeconds * 1000;
  const first = Math.ceil(range.from / step) * step;
  const last = Math.floor((range.to - 1) / step) * step;
  return first <= last ? { first, last } : null;
}
