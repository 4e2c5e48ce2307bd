import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';
import type { BenchOptions } from './register.bench';
import type { BenchResult } from './results';

/**
 * History events per run of the recorded retailer scenario (tests/replay/histories): the workflow
 * continues as new at every cycle boundary and follow-up review, so each run is one cycle or one
 * review. Bounded history keeps replay and worker memory small for initiatives that run for months.
 */
export async function historyBench({ command }: BenchOptions): Promise<BenchResult[]> {
  const dir = join(workspaceRoot, 'tests/replay/histories');
  const runs = readdirSync(dir)
    // The current revision's recording; older revisions' files are kept for replay only.
    .filter((file) => file.startsWith('retailer-run-') && file.endsWith('.json'))
    .sort()
    .map((file) => {
      const history = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { events?: unknown[] };
      return { file, events: history.events?.length ?? 0 };
    });
  const counts = (from: number, to?: number) => runs.slice(from, to).map((r) => r.events);
  const cycles = counts(0, 2);
  const followUps = counts(2, 4);
  const most = Math.max(...cycles);
  return [
    {
      benchmark: 'history events per cycle',
      figure: `${cycles.join(' and ')} events (assessment + cycle 1 with a rejection, 1 task, 3 trainees and a reminder; cycle 2)`,
      target: '≤ 300 per cycle',
      met: most <= 300,
      command,
    },
    {
      benchmark: 'history events per follow-up review',
      figure: `${followUps.join(' and ')} events (a met review; a regression that opens the next cycle)`,
      target: '–',
      met: null,
      command,
    },
  ];
}
