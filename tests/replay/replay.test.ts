import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';

// Histories recorded from the scenarios (`npm run record:histories`) are replayed against the
// current workflow code: a change that would break running initiatives fails here. Make such a
// change safe with `patched()` (see docs/workflow-changes.md).
const historiesDir = join(__dirname, 'histories');
const files = readdirSync(historiesDir).filter((file) => file.endsWith('.json'));

describe('replay of recorded initiative histories', () => {
  it('has the retailer scenario recorded run by run (continue-as-new at every cycle boundary and follow-up)', () => {
    expect(files.filter((file) => file.startsWith('retailer-run-')).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the runs recorded at revision 1 (every step upserted all search attributes)', () => {
    expect(files.filter((file) => file.startsWith('retailer-rev1-run-')).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the runs recorded at revision 2 (a step was taken whatever an update changed meanwhile)', () => {
    expect(files.filter((file) => file.startsWith('retailer-rev2-run-')).length).toBeGreaterThanOrEqual(5);
  });

  it('has a pulled KPI collected from its data source recorded (the wait on it, an extended window)', () => {
    expect(files.filter((file) => file.startsWith('collection-run-')).length).toBeGreaterThanOrEqual(2);
  });

  it('has a service watch check recorded (the one that raised its opportunity)', () => {
    expect(files.filter((file) => file.startsWith('watch-check-run-')).length).toBeGreaterThanOrEqual(1);
  });

  it('has a daily digest run recorded (started by its schedule)', () => {
    expect(files.filter((file) => file.startsWith('daily-digest-run-')).length).toBeGreaterThanOrEqual(1);
  });

  it('replays every recorded run deterministically with the current workflow code', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'tests/replay/replay-histories.ts'],
      {
        cwd: workspaceRoot,
        encoding: 'utf8',
        env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.runtime.json') },
      },
    );
    const results = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { file: string; error: string | null });
    expect(results.map((r) => r.file).sort()).toEqual([...files].sort());
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
