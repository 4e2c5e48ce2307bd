import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianProgram } from './debian-packages';
import { eventually } from './eventually';
import { freePort } from './ports';

export const PROMETHEUS_PATH = '/usr/bin/prometheus';

/** Debian's Prometheus (and promtool), installed with apt-get when missing. */
export function ensurePrometheus(): string {
  return ensureDebianProgram(PROMETHEUS_PATH, 'prometheus');
}

export const PROMTOOL_PATH = '/usr/bin/promtool';

/** Debian's promtool (from the same package), for checking and unit-testing rules. */
export function ensurePromtool(): string {
  return ensureDebianProgram(PROMTOOL_PATH, 'prometheus');
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus on a free port, scraping `targets` (host:port, as the job `exporter`) or the
 * named `jobs` every `scrapeInterval`, and evaluating `ruleFiles` (absolute paths) as often.
 */
export async function startPrometheus(options: {
  targets?: string[];
  jobs?: { name: string; targets: string[] }[];
  ruleFiles?: string[];
  scrapeInterval?: string;
}): Promise<RunningPrometheus> {
  const binary = ensurePrometheus();
  const dir = mkdtempSync(join(tmpdir(), 'cio-prometheus-'));
  const port = await freePort();
  const interval = options.scrapeInterval ?? '500ms';
  const jobs = [
    ...(options.targets ? [{ name: 'exporter', targets: options.targets }] : []),
    ...(options.jobs ?? []),
  ];
  const quoted = (items: string[]) => items.map((item) => `'${item}'`).join(', ');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  scrape_interval: ${interval}`,
      `  evaluation_interval: ${interval}`,
      ...(options.ruleFiles?.length ? [`rule_files: [${quoted(options.ruleFiles)}]`] : []),
      'scrape_configs:',
      ...jobs.flatMap((job) => [
        `  - job_name: ${job.name}`,
        '    static_configs:',
        `      - targets: [${quoted(job.targets)}]`,
      ]),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await eventually(async () => {
      const ready = await fetch(`${url}/-/ready`);
      if (!ready.ok) throw new Error(`prometheus answers ${ready.status}`);
    }, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/**
 * A small exporter the test controls: gauges set to a value, counters that only grow (or reset,
 * as a restarted process's would), exposed in Prometheus' text format at /metrics.
 */
export class TestExporter {
  private readonly gauges = new Map<string, number>();
  private readonly counters = new Map<string, { value: number; perSecond: number; since: number }>();
  private server: Server | undefined;
  port = 0;

  setGauge(series: string, value: number): void {
    this.gauges.set(series, value);
  }

  /** A counter growing by `perSecond` from now on (from its current value). */
  grow(series: string, perSecond: number): void {
    const current = this.counterValue(series);
    this.counters.set(series, { value: current, perSecond, since: Date.now() });
  }

  /** Every counter back to zero, still growing at its rate: as a restarted process's counters. */
  resetCounters(): void {
    for (const [series, counter] of this.counters)
      this.counters.set(series, { ...counter, value: 0, since: Date.now() });
  }

  private counterValue(series: string, now = Date.now()): number {
    const counter = this.counters.get(series);
    return counter ? counter.value + (counter.perSecond * (now - counter.since)) / 1000 : 0;
  }

  async start(): Promise<string> {
    this.port = await freePort();
    this.server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.statusCode = 404;
        response.end();
        return;
      }
      // Every counter of one scrape at one instant, so that their ratios are exact.
      const now = Date.now();
      const lines = [
        ...[...this.gauges].map(([series, value]) => `${series} ${value}`),
        ...[...this.counters.keys()].map((series) => `${series} ${this.counterValue(series, now)}`),
      ];
      response.setHeader('content-type', 'text/plain; version=0.0.4');
      response.end(`${lines.join('\n')}\n`);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
