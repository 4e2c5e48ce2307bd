// Replays every recorded history under tests/replay/histories against the current workflow code
// and prints one JSON line per history: {"file", "error"}. Exits 1 when any replay fails.
// Runs as its own process (`npm run replay`, and from replay.test.ts), outside Jest's module
// sandbox, where the SDK's protobuf classes are not the ones the histories must be decoded with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { workflowBundleOptions } from '@cio/worker';

const historiesDir = join(__dirname, 'histories');

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const files = readdirSync(historiesDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const histories = files.map((file) => ({
    workflowId: file,
    history: temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(join(historiesDir, file), 'utf8')),
    ),
  }));
  let failed = 0;
  for await (const result of Worker.runReplayHistories(
    {
      workflowsPath: workflowBundleOptions.workflowsPath,
      bundlerOptions: { webpackConfigHook: workflowBundleOptions.webpackConfigHook },
    },
    histories,
  )) {
    if (result.error) failed++;
    process.stdout.write(
      `${JSON.stringify({ file: result.workflowId, error: result.error ? String(result.error) : null })}\n`,
    );
  }
  process.exit(failed === 0 ? 0 : 1);
}

void main();
