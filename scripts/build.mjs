// `npm run build`: compiles the system's own TypeScript (the gateway, the worker, activities,
// workflows and the libraries they use; no tests, benchmarks or scripts) to CommonJS under
// dist/node, with the transform `@swc-node/register` applies on the fly (decorator metadata
// included) and the `@cio/*` path aliases rewritten to relative paths. `npm start` and the images
// run the gateway and the worker from there, so the TypeScript compiler never sits in their heap.
//
// Idempotent and safe to run while a compiled process runs, or twice at once: it does nothing when
// the sources, the options and this script are unchanged since the last complete build; every file
// is written to a temporary name and renamed into place, so a reader never sees half a file; and
// what no source produces any more (a deleted or moved module) is removed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './bootstrap.mjs';

export const outDir = join(root, 'dist', 'node');

/** Where production code lives; each folder is compiled whole, minus specs and tests. */
const SOURCE_DIRS = [
  'apps/gateway/src',
  'apps/worker/src',
  'activities/src',
  'workflows/src',
  'libs/config/src',
  'libs/data-sources/src',
  'libs/contracts/src',
  'libs/domain/src',
  'libs/persistence/src',
];

/** The compiled counterpart of a TypeScript entry point (`apps/gateway/src/main.ts`). */
export function compiledPath(entry) {
  return join(outDir, entry.replace(/\.ts$/, '.js'));
}

function sources(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return sources(path);
    return /\.ts$/.test(item.name) && !/\.(spec|test|d)\.ts$/.test(item.name) ? [path] : [];
  });
}

function outputs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    return item.isDirectory() ? outputs(path) : [path];
  });
}

function swcOptions() {
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  return {
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: compilerOptions.target.toLowerCase(),
      baseUrl: root,
      paths: compilerOptions.paths,
      keepClassNames: true,
    },
  };
}

function writeAtomically(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** Compiles the sources into dist/node unless the last complete build was of exactly these. */
export async function build() {
  const { transform, version } = await import('@swc/core');
  const options = swcOptions();
  const files = SOURCE_DIRS.flatMap(sources).sort();
  const hash = createHash('sha256').update(JSON.stringify({ version, options }));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const contents = new Map();
  for (const file of files) {
    const content = readFileSync(join(root, file), 'utf8');
    contents.set(file, content);
    hash.update(file).update(content);
  }
  const digest = hash.digest('hex');
  const stamp = join(outDir, '.build-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest)
    return { files: files.length, built: false };
  // No stamp while the outputs change: a build cut short is never taken for a complete one.
  rmSync(stamp, { force: true });
  const expected = new Set([stamp]);
  for (const file of files) {
    const target = compiledPath(file);
    // The bytes that were hashed, not a second read that could see a later edit.
    const output = await transform(contents.get(file), { ...options, filename: join(root, file) });
    const mapName = `${target.split('/').pop()}.map`;
    writeAtomically(target, `${output.code}\n//# sourceMappingURL=${mapName}\n`);
    expected.add(target);
    if (output.map) {
      writeAtomically(`${target}.map`, output.map);
      expected.add(`${target}.map`);
    }
  }
  for (const path of outputs(outDir)) {
    if (/\.js(\.map)?$/.test(path) && !expected.has(path)) rmSync(path, { force: true });
  }
  writeAtomically(stamp, digest);
  return { files: files.length, built: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { files, built } = await build();
  console.log(
    built
      ? `compiled ${files} files into ${relative(root, outDir)} in ${Date.now() - started} ms`
      : `${relative(root, outDir)} is up to date (${files} files)`,
  );
}
