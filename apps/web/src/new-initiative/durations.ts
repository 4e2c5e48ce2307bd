// Policy durations in human units: a number and a unit, never milliseconds on screen.
export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const UNIT_MS: Record<DurationUnit, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** As typed: the amount stays text until the form is sent. */
export interface DurationInput {
  amount: string;
  unit: DurationUnit;
}

/** The longest duration the API takes (about ten years). */
export const MAX_DURATION_MS = 316_224_000_000;

/**
 * A number as a person types it: `1,000` and `1,000.5` with thousands separators (as English and
 * Chinese write them), `2.5`, or `2,5` with a decimal comma. Text otherwise (NaN-free: the caller
 * checks it).
 */
export function numberText(typed: string): string {
  const text = typed.trim().replace(/[\s\u00a0]/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return text.replace(/,/g, '');
  return /^[-+]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
}

/** Milliseconds, or null when the amount is not a positive number within the API's range. */
export function toMilliseconds({ amount, unit }: DurationInput): number | null {
  const text = numberText(amount);
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const ms = Math.round(Number(text) * UNIT_MS[unit]);
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : null;
}

/** The largest unit that shows the duration as a whole number (2 days, 90 minutes, 1.5 s as 1500 ms → seconds). */
export function fromMilliseconds(ms: number): DurationInput {
  for (const unit of [...DURATION_UNITS].reverse()) {
    if (ms % UNIT_MS[unit] === 0) return { amount: String(ms / UNIT_MS[unit]), unit };
  }
  return { amount: String(ms / UNIT_MS.seconds), unit: 'seconds' };
}
