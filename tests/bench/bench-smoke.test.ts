import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';

// Every benchmark with tiny sizes, so that `npm run bench` never rots. Figures are not asserted.
describe('benchmarks (smoke run)', () => {
  it('runs every benchmark and writes a results table with the commands', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cio-bench-smoke-'));
    try {
      const out = join(dir, 'results.md');
      const run = spawnSync(
        process.execPath,
        ['-r', '@swc-node/register', 'bench/src/main.ts', '--smoke', '--out', out],
        {
          cwd: workspaceRoot,
          env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json') },
          encoding: 'utf8',
          // About four minutes alone (the scale benchmark adds a minute and a half); more beside the
          // other suites.
          timeout: 600_000,
        },
      );
      expect(run.stderr).not.toMatch(/bench failed/);
      expect(run.status).toBe(0);
      const table = readFileSync(out, 'utf8');
      for (const name of [
        'measurement ingest, two clients',
        'register list, 100,000 initiatives',
        'evaluation query, 1,000,000 samples',
        'lifecycle throughput, initiative vs bare workflow',
        'worker memory per cached initiative, 1,000 open',
        'data collection, 200 pulled KPIs: worker CPU',
        'history events per assessment, pulled KPIs',
        'email fan-out, 10,000 initiatives',
        'daily digest, 20,000 people',
        'live initiatives on one machine, 1 worker: worker restart',
        'live initiatives on one machine, 2 workers: register reads while they wait',
      ]) {
        expect(table).toContain(`| ${name} |`);
      }
      expect(table).toContain('`npm run bench -- list --smoke`');
      // The lifecycle benchmark checked that the bare workflow still mirrors the real one.
      expect(table).toMatch(/both \d+ activities, 5 updates, 1 continue-as-new/);
      // Every open initiative of the memory benchmark sat in the worker's cache.
      expect(table).toMatch(
        /20 retailer initiatives waiting in their assessment period, 20 in the worker's sticky cache/,
      );
      // Every initiative of the scale benchmark started, and the restarted worker picked them up.
      expect(table).toMatch(/\| live initiatives on one machine, 1 worker: starts and timers \| 55 started/);
      expect(table).toMatch(/picked up \(every initiative whose deadline had passed/);
      expect(table).toMatch(/Machine of the last run: \d+ cores/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
