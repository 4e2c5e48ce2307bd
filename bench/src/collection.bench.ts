import { setTimeout } from 'node:timers/promises';
import { INITIATIVE_WORKFLOW_TYPE, type InitiativeDefinition } from '@cio/contracts';
import { initiativeStartOptions } from '@cio/domain';
import { createDataSource } from '@cio/persistence';
import { retailerInitiative, startDevServer, startPrometheus, TestExporter } from '@cio/testing';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';
import { fmt } from './timing';
import { startWorkerProcess } from './worker-process';

/** Two sourced KPIs each: a threshold (a gauge) and a ratio (two counters). */
const KPIS_PER_INITIATIVE = 2;

/** The initiative's KPIs pulled from one Prometheus: a gauge of its own, and good over all of its counters. */
function definition(id: string, i: number, windowMs: number): InitiativeDefinition {
  const base = retailerInitiative(id);
  const [kpi] = base.kpis;
  return {
    ...base,
    kpis: [
      {
        ...kpi!,
        source: {
          kind: 'threshold',
          dataSource: 'prometheus',
          query: `bench_response_minutes{initiative="${i}"}`,
        },
      },
      {
        name: 'resolved_share',
        unit: 'ratio',
        direction: 'higher-is-better',
        aggregate: 'mean',
        target: { kind: 'absolute', value: 0.95 },
        source: {
          kind: 'ratio',
          dataSource: 'prometheus',
          good: `bench_resolved_total{initiative="${i}"}`,
          total: `bench_opened_total{initiative="${i}"}`,
        },
      },
    ],
    policy: { ...base.policy, assessmentPeriodMs: windowMs, minSamples: 1 },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/**
 * What collecting pulled KPIs costs: 100 initiatives with two sourced KPIs each (200), pulled every
 * 30 s from one real Prometheus scraping an exporter, by the production worker (its collector and
 * its collect activity) in a process of its own, for one assessment period of five minutes. Its
 * CPU share over the period; the lag of each sample (stored minus observed); how long after the
 * period's end every baseline was recorded (the window's backfill and measurement); and the
 * events of each initiative's history with collection on.
 */
export async function collectionBench({ services, smoke, command }: BenchOptions): Promise<BenchResult[]> {
  const initiatives = smoke ? 5 : 100;
  const stepMs = smoke ? 2_000 : 30_000;
  const windowMs = smoke ? 12_000 : 5 * 60_000;
  const pollMs = smoke ? 500 : 5_000;
  const scrapeMs = smoke ? 500 : 5_000;
  const exporter = new TestExporter();
  for (let i = 0; i < initiatives; i++) {
    exporter.setGauge(`bench_response_minutes{initiative="${i}"}`, 4 + (i % 5));
    exporter.grow(`bench_resolved_total{initiative="${i}"}`, 9);
    exporter.grow(`bench_opened_total{initiative="${i}"}`, 10);
  }
  const target = await exporter.start();
  // A ratio's increase over one step needs two scrapes in it.
  const prometheus = await startPrometheus({ targets: [target], scrapeInterval: `${scrapeMs}ms` });
  const database = await services.database();
  const env = await startDevServer();
  const db = createDataSource({ ...database.options, poolSize: 2 });
  await db.initialize();
  const taskQueue = `bench-collection-${Date.now()}`;
  const worker = await startWorkerProcess('initiative', {
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    DATA_SOURCES: JSON.stringify([{ name: 'prometheus', kind: 'prometheus', url: prometheus.url }]),
    DATA_COLLECTION_STEP_MS: String(stepMs),
    DATA_COLLECTION_POLL_MS: String(pollMs),
  });
  try {
    // Let Prometheus hold a few scrapes before the windows open.
    await setTimeout(smoke ? 1_000 : 11_000);
    const ids = Array.from({ length: initiatives }, (_, i) => `bench-pull-${i}`);
    const handles = await Promise.all(
      ids.map((id, i) =>
        env.client.workflow.start(INITIATIVE_WORKFLOW_TYPE, {
          taskQueue,
          ...initiativeStartOptions(definition(id, i, windowMs)),
        }),
      ),
    );
    const cpuFrom = await worker.cpu();
    const wallFrom = process.hrtime.bigint();
    // The whole period, then until every baseline is recorded.
    await setTimeout(windowMs);
    const cpuTo = await worker.cpu();
    const wallMs = Number(process.hrtime.bigint() - wallFrom) / 1e6;
    const deadline = Date.now() + 5 * 60_000;
    let recorded: { id: string; endsAt: Date; at: Date }[] = [];
    while (Date.now() < deadline) {
      recorded = await db.query(
        `SELECT a.initiative_id AS id, (i.definition->'policy'->>'assessmentPeriodMs')::int AS period,
                b.window_to AS "endsAt", a.occurred_at AS at
           FROM audit_entries a JOIN initiatives i ON i.id = a.initiative_id
           JOIN baselines b ON b.initiative_id = a.initiative_id AND b.kpi = 'response_minutes'
          WHERE a.action = 'baseline-recorded'`,
      );
      if (recorded.length === initiatives) break;
      await setTimeout(1_000);
    }
    if (recorded.length < initiatives)
      throw new Error(`only ${recorded.length} of ${initiatives} baselines were recorded`);
    const backfillMs = recorded.map((r) => new Date(r.at).getTime() - new Date(r.endsAt).getTime());
    const lags: { lag: number }[] = await db.query(
      `SELECT extract(epoch FROM received_at - observed_at) * 1000 AS lag
         FROM measurements WHERE source = 'prometheus'`,
    );
    const lagMs = lags.map((l) => Number(l.lag));
    const [samples]: { n: string; per: string }[] = await db.query(
      `SELECT sum(c) AS n, min(c) AS per FROM (
         SELECT count(*) AS c FROM measurements WHERE source = 'prometheus' GROUP BY initiative_id, kpi) k`,
    );
    const events = await Promise.all(handles.map(async (h) => (await h.fetchHistory()).events?.length ?? 0));
    const cpuMs = (cpuTo.userMicros + cpuTo.systemMicros - cpuFrom.userMicros - cpuFrom.systemMicros) / 1000;
    const share = cpuMs / wallMs;
    const kpis = initiatives * KPIS_PER_INITIATIVE;
    const shape = `${kpis} sourced KPIs across ${initiatives} initiatives (a gauge and a ratio of two counters each), pulled every ${fmt(stepMs / 1000, 0)} s from one Prometheus scraping every ${fmt(scrapeMs / 1000, 1)} s, for a ${fmt(windowMs / 60_000, 0)}-minute assessment period; the production worker in its own process`;
    return [
      {
        benchmark: 'data collection, 200 pulled KPIs: worker CPU',
        figure: `${fmt(share * 100, 1)} % of one core (${fmt(cpuMs, 0)} ms of CPU in ${fmt(wallMs / 1000, 1)} s); ${shape}; ${Number(samples?.n ?? 0).toLocaleString('en-US')} samples stored, at least ${samples?.per} per KPI`,
        target: '–',
        met: null,
        command,
      },
      {
        benchmark: 'data collection, 200 pulled KPIs: lag',
        figure: `sample stored after its instant: p50 ${fmt(percentile(lagMs, 50) / 1000, 1)} s, p99 ${fmt(percentile(lagMs, 99) / 1000, 1)} s (a step is ${fmt(stepMs / 1000, 0)} s, the collector looks every ${fmt(pollMs / 1000, 0)} s); baseline recorded after the period's end (whole-window backfill, then the measurement): p50 ${fmt(percentile(backfillMs, 50) / 1000, 2)} s, p99 ${fmt(percentile(backfillMs, 99) / 1000, 2)} s`,
        target: '–',
        met: null,
        command,
      },
      {
        benchmark: 'history events per assessment, pulled KPIs',
        figure: `${Math.min(...events)}–${Math.max(...events)} events per initiative from start to its baseline (the window's end waits on its collection, one activity); the pulls during the period write no history`,
        target: '≤ 300 per cycle',
        met: Math.max(...events) <= 300,
        command,
      },
    ];
  } finally {
    await worker.stop();
    await db.destroy();
    await env.teardown();
    await prometheus.stop();
    await exporter.stop();
  }
}
