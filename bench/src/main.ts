import { resolve } from 'node:path';
import { workspaceRoot } from '@cio/config';
import { approvalBench } from './approval.bench';
import { collectionBench } from './collection.bench';
import { startBenchServices } from './bench-context';
import { historyBench } from './history.bench';
import { ingestHttpBench } from './ingest-http.bench';
import { lifecycleBench } from './lifecycle.bench';
import { mailBench } from './mail.bench';
import { memoryBench } from './memory.bench';
import { opportunitiesBench } from './opportunities.bench';
import { evaluationBench, ingestBench, listBench, seriesBench, type BenchOptions } from './register.bench';
import { type BenchResult, writeResults } from './results';
import { scaleBench, scaleTwoWorkersBench } from './scale.bench';
import { webBench } from './web.bench';

/** Every benchmark by name; `npm run bench -- <name>…` runs some, no names runs all. */
const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<BenchResult[]>> = {
  ingest: ingestBench,
  'ingest-http': ingestHttpBench,
  evaluation: evaluationBench,
  list: listBench,
  opportunities: opportunitiesBench,
  series: seriesBench,
  approval: approvalBench,
  history: historyBench,
  lifecycle: lifecycleBench,
  memory: memoryBench,
  collection: collectionBench,
  mail: mailBench,
  scale: scaleBench,
  'scale-two-workers': scaleTwoWorkersBench,
  web: webBench,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : resolve(workspaceRoot, 'bench/results.md');
  const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`,
    );
    process.exit(64);
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  const services = await startBenchServices();
  try {
    for (const name of selected) {
      const command = `npm run bench -- ${name}${smoke ? ' --smoke' : ''}`;
      process.stdout.write(`bench: ${name}…\n`);
      const results = await BENCHMARKS[name]!({ services, smoke, command });
      for (const r of results) process.stdout.write(`  ${r.benchmark}: ${r.figure}\n`);
      writeResults(out, results);
    }
    process.stdout.write(`bench: results in ${out}\n`);
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
