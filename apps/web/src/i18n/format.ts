// Dates, times, durations and numbers in the chosen language, through Intl only.
import { useTranslation } from 'react-i18next';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Intl.DurationFormat (not yet in TypeScript's lib, nor in every runtime). */
interface DurationFormat {
  format(duration: Record<string, number>): string;
}
type DurationFormatConstructor = new (
  locale: string,
  options: { style: 'long' | 'short' | 'narrow' },
) => DurationFormat;

const UNITS = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
] as const;

export interface Formatter {
  locale: string;
  dateTime(iso: string | null | undefined, options?: { seconds?: boolean }): string;
  date(iso: string | null | undefined): string;
  time(iso: string | null | undefined): string;
  number(value: number | null | undefined, options?: Intl.NumberFormatOptions): string;
  /** A length of time in its two largest units, e.g. "2 days, 3 hours" / "2天3小时". */
  duration(ms: number): string;
  /** How far a moment is from now, e.g. "in 3 hours" / "3小时后". */
  relative(iso: string, now: number): string;
  list(items: string[]): string;
}

export function createFormatter(locale: string): Formatter {
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateTimeSeconds = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const listFormat = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const unitList = new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' });
  const DurationFormatImpl = (Intl as unknown as { DurationFormat?: DurationFormatConstructor })
    .DurationFormat;
  const durationFormat = DurationFormatImpl ? new DurationFormatImpl(locale, { style: 'long' }) : null;
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    let format = numberFormats.get(key);
    if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
    return format;
  };
  const parse = (iso: string | null | undefined) => {
    const at = iso ? Date.parse(iso) : Number.NaN;
    return Number.isNaN(at) ? null : at;
  };
  return {
    locale,
    dateTime(iso, options = {}) {
      const at = parse(iso);
      if (at === null) return '—';
      return (options.seconds ? dateTimeSeconds : dateTimeFormat).format(at);
    },
    date(iso) {
      const at = parse(iso);
      return at === null ? '—' : dateFormat.format(at);
    },
    time(iso) {
      const at = parse(iso);
      return at === null ? '—' : timeFormat.format(at);
    },
    number(value, options = { maximumFractionDigits: 2 }) {
      return value === null || value === undefined || !Number.isFinite(value)
        ? '—'
        : numberFormat(options).format(value);
    },
    duration(ms) {
      const parts: [string, number][] = [];
      let rest = Math.max(0, Math.round(ms));
      for (const [unit, size] of UNITS) {
        const amount = Math.floor(rest / size);
        if (amount > 0 && parts.length < 2) {
          parts.push([unit, amount]);
          rest -= amount * size;
        } else if (parts.length > 0) break;
      }
      if (parts.length === 0) parts.push(['second', 0]);
      if (durationFormat)
        return durationFormat.format(Object.fromEntries(parts.map(([u, n]) => [`${u}s`, n])));
      return unitList.format(
        parts.map(([unit, amount]) =>
          numberFormat({ style: 'unit', unit, unitDisplay: 'long' }).format(amount),
        ),
      );
    },
    relative(iso, now) {
      const at = parse(iso);
      if (at === null) return '—';
      const diff = at - now;
      const size = Math.abs(diff);
      const [unit, step] =
        size >= DAY
          ? (['day', DAY] as const)
          : size >= HOUR
            ? (['hour', HOUR] as const)
            : size >= MINUTE
              ? (['minute', MINUTE] as const)
              : (['second', SECOND] as const);
      return relativeFormat.format(Math.round(diff / step), unit);
    },
    list(items) {
      return listFormat.format(items);
    },
  };
}

/**
 * The locale dates and numbers are written in: the browser's own when it is a variant of the
 * language shown (en-GB writes 1 Dec 2026, 14:05; en-US Dec 1, 2026, 2:05 PM), else the language.
 */
export function formatLocale(
  language: string,
  browser: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): string {
  const base = language.split('-')[0]?.toLowerCase();
  const variant = browser.find((tag) => tag.split('-')[0]?.toLowerCase() === base);
  if (!variant || (base === 'zh' && language.includes('-') && variant !== language)) return language;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([variant]).length > 0 ? variant : language;
  } catch {
    return language;
  }
}

/**
 * One formatter per locale for the whole app: its Intl objects are costly to make, and every due
 * badge, row and chart of a page formats with it.
 */
const formatters = new Map<string, Formatter>();
const locales = new Map<string, string>();

/** The formatter of the language shown now, in the browser's variant of it. */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  let locale = locales.get(language);
  if (locale === undefined) locales.set(language, (locale = formatLocale(language)));
  let formatter = formatters.get(locale);
  if (!formatter) formatters.set(locale, (formatter = createFormatter(locale)));
  return formatter;
}
