import type { DataSource } from 'typeorm';

/**
 * `count` values whose median (and mean) is exactly `median`: pairs placed symmetrically around
 * it, plus the median itself when `count` is odd.
 */
export function samplesAround(median: number, count: number, spread = 3): number[] {
  const values: number[] = count % 2 === 1 ? [median] : [];
  const pairs = Math.floor(count / 2);
  for (let i = 1; i <= pairs; i++) {
    const offset = (spread * i) / pairs;
    values.push(median - offset, median + offset);
  }
  return values;
}

/** Stores samples for a KPI spread evenly over [from, to) — as a monitoring tool would push them. */
export async function storeSamples(
  dataSource: DataSource,
  initiativeId: string,
  kpi: string,
  values: number[],
  window: { from: string; to: string },
): Promise<void> {
  const start = Date.parse(window.from);
  const step = (Date.parse(window.to) - start) / (values.length + 1);
  const rows = values.map((value, i) => [
    initiativeId,
    kpi,
    value,
    new Date(start + step * (i + 1)).toISOString(),
  ]);
  await dataSource.query(
    `INSERT INTO measurements (initiative_id, kpi, value, observed_at, source)
     SELECT * , 'test' FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[])`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}
