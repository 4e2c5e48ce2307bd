import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface BenchResult {
  /** Unique name: a later run replaces the row of the same name. */
  benchmark: string;
  figure: string;
  target: string;
  met: boolean | null;
  command: string;
}

const HEADER = '| Benchmark | Figure | Target | Met | Command | Date |';
const RULE = '| --- | --- | --- | --- | --- | --- |';

export function machine(): string {
  const gib = Math.round(totalmem() / 2 ** 30);
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${gib} GiB, ${process.platform} ${process.arch}, Node ${process.version}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * Merges results into the markdown table: rows of other benchmarks stay, so running one
 * benchmark refreshes only its rows. Each row carries the date it was measured.
 */
export function writeResults(path: string, results: BenchResult[], date = new Date()): void {
  const rows = new Map<string, string>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const name = /^\| ([^|]+?) \|/.exec(line)?.[1];
      if (name && !/^-+$/.test(name.trim()) && name.trim() !== 'Benchmark') rows.set(name.trim(), line);
    }
  }
  const day = date.toISOString().slice(0, 10);
  for (const r of results) {
    const met = r.met === null ? '–' : r.met ? 'yes' : '**no**';
    rows.set(
      r.benchmark,
      `| ${cell(r.benchmark)} | ${cell(r.figure)} | ${cell(r.target)} | ${met} | \`${cell(r.command)}\` | ${day} |`,
    );
  }
  writeFileSync(
    path,
    [
      '# Benchmark results',
      '',
      'Written by `npm run bench` (see bench/README.md); each row says which command produced it.',
      '',
      `Machine of the last run: ${machine()}. Rows dated earlier may come from another machine.`,
      '',
      HEADER,
      RULE,
      ...rows.values(),
      '',
    ].join('\n'),
  );
}
