// `npm test`: every check of every project — lint (with the module-boundary rules), formatting,
// type-check, then the unit, integration and end-to-end suites (Jest's global setup starts and
// stops the Temporal dev server and PostgreSQL they need). Ends with one line of counts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, root } from './bootstrap.mjs';

bootstrap();

const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const extraJestArgs = process.argv.slice(2);
const results = [];

function step(name, command, args) {
  if (extraJestArgs.length > 0 && name !== 'jest') return true;
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const ok = run.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

// The module-boundaries rule reads the Nx project graph; computing it once caches it for ESLint.
step('project graph', bin('nx'), ['show', 'projects']);
for (const [name, command, args] of [
  // The web app's API types come from the committed contract (git-ignored, so made first).
  ['web api types', process.execPath, [join(root, 'scripts', 'build-web.mjs'), '--types']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  // The web app has its own compiler settings (DOM, JSX) and its Vite config runs on Node.
  ['web typecheck', bin('tsc'), ['-p', 'apps/web/tsconfig.json']],
  ['web config typecheck', bin('tsc'), ['-p', 'apps/web/tsconfig.node.json']],
]) {
  if (extraJestArgs.length === 0) results.push({ name, ok: step(name, command, args) });
}

mkdirSync(join(root, 'tmp'), { recursive: true });
const report = join(root, 'tmp', 'jest-results.json');
const jestOk = step('jest', bin('jest'), ['--ci', '--json', `--outputFile=${report}`, ...extraJestArgs]);
let passed = results.filter((r) => r.ok).length;
let failed = results.filter((r) => !r.ok).length;
try {
  const jest = JSON.parse(readFileSync(report, 'utf8'));
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  if (!jestOk && jest.numFailedTests + jest.numRuntimeErrorTestSuites === 0) failed += 1;
} catch {
  failed += 1; // Jest did not even write its report
}
console.log(`\nChecks: ${results.map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'}`).join(', ')}`);
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
