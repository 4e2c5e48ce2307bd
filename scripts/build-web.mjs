// `npm run build:web`: the people's web app (apps/web) into dist/web, which the gateway serves
// under /app/. First the typed API client's types from the committed contract
// (apps/gateway/openapi.json → apps/web/src/api/schema.gen.ts, git-ignored), then `vite build`.
//
// A no-op when the web sources, the contract, the lock file and this script are unchanged since
// the last complete build (a stamp, written last, as scripts/build.mjs does). The app is built
// into a temporary folder and swapped into place, so the gateway never serves half a build.
// Fails when the My work page's first-load JavaScript exceeds its budget.
//
//   node scripts/build-web.mjs          build when stale
//   node scripts/build-web.mjs --types  only (re)generate the API types (npm test does this first)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { root } from './bootstrap.mjs';

export const webDir = join(root, 'apps', 'web');
export const outDir = join(root, 'dist', 'web');
const contract = join(root, 'apps', 'gateway', 'openapi.json');
const generated = join(webDir, 'src', 'api', 'schema.gen.ts');
const stamp = join(outDir, '.build-stamp');
/** The most JavaScript (gzip) the My work page may load before it shows. */
export const MY_WORK_BUDGET_BYTES = 200 * 1024;

/** Files that shape the build: the app's sources and config, minus tests and generated code. */
function inputs(dir = webDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return item.name === 'node_modules' || item.name === 'test' ? [] : inputs(path);
    if (path === generated || /\.spec\.tsx?$/.test(item.name)) return [];
    return [path];
  });
}

function writeIfChanged(path, content) {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
  return true;
}

/** Writes the API types from the contract; returns whether the file changed. */
export async function generateApiTypes() {
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(readFileSync(contract, 'utf8')));
  const header = `${COMMENT_HEADER}// From apps/gateway/openapi.json by scripts/build-web.mjs; git-ignored.\n\n`;
  return writeIfChanged(generated, `${header}${astToString(ast)}`);
}

function digest() {
  const hash = createHash('sha256');
  for (const file of [fileURLToPath(import.meta.url), contract, join(root, 'package-lock.json')])
    hash.update(file).update(readFileSync(file));
  for (const file of inputs().sort()) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex');
}

/** Gzip bytes of the JavaScript the entry page loads before it can show (entry + static imports). */
export function firstLoadBytes(dir = outDir) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit('index.html');
  let js = 0;
  let css = 0;
  for (const key of seen) {
    const chunk = manifest[key];
    js += gzipSync(readFileSync(join(dir, chunk.file))).length;
    for (const sheet of chunk.css ?? []) css += gzipSync(readFileSync(join(dir, sheet))).length;
  }
  return { js, css, chunks: seen.size };
}

/** Builds the app into dist/web unless the last complete build was of exactly these inputs. */
export async function buildWeb({ log = console.log } = {}) {
  await generateApiTypes();
  const hash = digest();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return { built: false };
  const started = Date.now();
  // A development NODE_ENV would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  const staging = join(root, 'dist', `.web-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      configFile: join(webDir, 'vite.config.mts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    const size = firstLoadBytes(staging);
    if (size.js > MY_WORK_BUDGET_BYTES) {
      throw new Error(
        `the My work page loads ${kb(size.js)} of JavaScript (gzip), over its budget of ${kb(MY_WORK_BUDGET_BYTES)}`,
      );
    }
    writeFileSync(join(staging, '.build-stamp'), hash);
    const previous = join(root, 'dist', `.web-old-${process.pid}`);
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(
      `built the web app into ${relative(root, outDir)} in ${seconds} s; My work loads ${kb(size.js)} JS + ${kb(size.css)} CSS (gzip, ${size.chunks} chunks)`,
    );
    return { built: true, ...size };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--types')) {
      const changed = await generateApiTypes();
      console.log(`${relative(root, generated)} ${changed ? 'written' : 'is up to date'}`);
    } else {
      const result = await buildWeb();
      if (!result.built) console.log(`${relative(root, outDir)} is up to date`);
    }
  } catch (error) {
    console.error(`build:web failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
