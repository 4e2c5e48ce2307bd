// The benefits achieved over time, as the chart stacks them: one column a month, one colour a group
// (service, department, objective or benefit category), the largest groups first.
import type { Portfolio } from '../api/types';

export type BenefitRow = Portfolio['benefits'][number];
export type BenefitGrouping = 'service' | 'department' | 'objective' | 'category';
export const BENEFIT_GROUPINGS: readonly BenefitGrouping[] = [
  'service',
  'department',
  'objective',
  'category',
];

/** Groups beyond this many are shown together as one. */
export const MAX_GROUPS = 6;
/** The key of the group of the rest (and of rows that name none, e.g. no objective). */
export const OTHER = '';

export interface BenefitSeries {
  months: string[];
  /** Largest first; `OTHER` last when there is one. */
  groups: { key: string; counts: number[]; total: number }[];
  max: number;
}

/** The months from the first to the last (none missing in between), YYYY-MM. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = last.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    if (months.length > 600) break;
  }
  return months;
}

export function benefitSeries(rows: readonly BenefitRow[], grouping: BenefitGrouping): BenefitSeries {
  const sorted = rows.map((row) => row.month).sort();
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  if (!first || !last) return { months: [], groups: [], max: 0 };
  const months = monthsBetween(first, last);
  const byGroup = new Map<string, number[]>();
  for (const row of rows) {
    const key = row[grouping] ?? OTHER;
    const counts = byGroup.get(key) ?? months.map(() => 0);
    const at = months.indexOf(row.month);
    counts[at] = (counts[at] ?? 0) + row.initiatives;
    byGroup.set(key, counts);
  }
  const ranked = [...byGroup]
    .map(([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) =>
      a.key === OTHER ? 1 : b.key === OTHER ? -1 : b.total - a.total || a.key.localeCompare(b.key),
    );
  const named = ranked.filter((g) => g.key !== OTHER);
  const shown = named.slice(0, MAX_GROUPS);
  const rest = [...named.slice(MAX_GROUPS), ...ranked.filter((g) => g.key === OTHER)];
  const groups =
    rest.length === 0
      ? shown
      : [
          ...shown,
          {
            key: OTHER,
            counts: months.map((_, i) => rest.reduce((sum, g) => sum + (g.counts[i] ?? 0), 0)),
            total: rest.reduce((sum, g) => sum + g.total, 0),
          },
        ];
  const max = Math.max(0, ...months.map((_, i) => groups.reduce((sum, g) => sum + (g.counts[i] ?? 0), 0)));
  return { months, groups, max };
}
