// `npm run build`: compiles the system's own TypeScript (the gateway, the worker, activities,
// workflows and the libraries they use; no tests, benchmarks or scripts) to CommonJS under
// dist/node, with the transform `@swc-node/register` applies on the fly (decorator metadata
// included) and the `@cio/*` path aliases rewritten to relative paths. `npm start` and the images
// run the gateway and the worker from there, so the TypeScript compiler never sits in their heap.
//
// Idempotent and safe to run while a compiled process runs, or twice at once: it does nothing when
// the sources and options are unchanged since the last build, and every file is written to a
// temporary name and renamed into place, so a reader never sees half a file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { root } from './bootstrap.mjs';

export const outDir = join(root, 'dist', 'node');

/** Where production code lives; each folder is compiled whole, minus specs and tests. */
const SOURCE_DIRS = [
  'apps/gateway/src',
  'apps/worker/src',
  'activities/src',
  'workflows/src',
  'libs/config/src',
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

/** Compiles the sources into dist/node unless the last build was of exactly these sources. */
export async function build() {
  const { transformFile, version } = await import('@swc/core');
  const options = swcOptions();
  const files = SOURCE_DIRS.flatMap(sources).sort();
  const hash = createHash('sha256').update(JSON.stringify({ version, options }));
  for (const file of files) hash.update(file).update(readFileSync(join(root, file)));
  const digest = hash.digest('hex');
  const stamp = join(outDir, '.build-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest)
    return { files: files.length, built: false };
  for (const file of files) {
    const target = compiledPath(file);
    const output = await transformFile(join(root, file), {
      ...options,
      filename: join(root, file),
      outputPath: target,
    });
    const mapName = `${target.split('/').pop()}.map`;
    writeAtomically(target, `${output.code}\n//# sourceMappingURL=${mapName}\n`);
    if (output.map) writeAtomically(`${target}.map`, output.map);
  }
  writeAtomically(stamp, digest);
  return { files: files.length, built: true };
}

if (process.argv[1] && process.argv[1].endsWith('build.mjs')) {
  const started = Date.now();
  const { files, built } = await build();
  console.log(
    built
      ? `compiled ${files} files into ${relative(root, outDir)} in ${Date.now() - started} ms`
      : `${relative(root, outDir)} is up to date (${files} files)`,
  );
}
