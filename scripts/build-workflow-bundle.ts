// Prebuilds the workflow bundle the production worker loads (WORKFLOW_BUNDLE_PATH), so workers
// start without webpack and every replica runs byte-identical workflow code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workspaceRoot } from '@cio/config';
import { workflowBundleOptions } from '@cio/worker';

async function main(): Promise<void> {
  const output = resolve(workspaceRoot, process.argv[2] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflowCode(workflowBundleOptions);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, code);
  process.stdout.write(`workflow bundle written to ${output} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

void main();
