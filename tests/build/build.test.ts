import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from '@cio/config';

// `npm run build` compiles the gateway and the worker into dist/node; `npm start`, the images and
// the approval benchmark run them from there.
const outDir = join(workspaceRoot, 'dist/node');

function build(): string {
  const run = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: workspaceRoot, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

function node(script: string): string {
  const run = spawnSync(process.execPath, ['-e', script], { cwd: '/', encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory()
      ? compiledFiles(join(dir, item.name))
      : item.name.endsWith('.js')
        ? [join(dir, item.name)]
        : [],
  );
}

describe('npm run build', () => {
  beforeAll(() => {
    build();
  }, 60_000);

  it('is a no-op when nothing changed since the last build', () => {
    expect(build()).toMatch(/dist\/node is up to date \(\d+ files\)/);
  });

  it('rebuilds after a build that did not complete, and drops what no source produces any more', () => {
    const stray = join(outDir, 'libs/config/src/moved-away.js');
    writeFileSync(stray, 'module.exports = "stale";\n');
    // A build cut short leaves no stamp behind.
    rmSync(join(outDir, '.build-stamp'));
    expect(build()).toMatch(/compiled \d+ files into dist\/node/);
    expect(existsSync(stray)).toBe(false);
    expect(existsSync(join(outDir, 'libs/config/src/config.js'))).toBe(true);
  });

  it('rewrites every @cio/* alias into a relative path, with a source map beside each file', () => {
    const files = compiledFiles(outDir);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect({ file, aliased: /require\("@cio\//.test(code) }).toEqual({ file, aliased: false });
      expect(existsSync(`${file}.map`)).toBe(true);
    }
    expect(files.some((file) => /\.(spec|test)\.js$/.test(file))).toBe(false);
  });

  it('runs the gateway without the TypeScript compiler and finds the repository root from dist/node', () => {
    const loaded = node(`
      const { workspaceRoot } = require(${JSON.stringify(join(outDir, 'libs/config/src/config.js'))});
      require(${JSON.stringify(join(outDir, 'apps/gateway/src/create-app.js'))});
      const modules = Object.keys(require.cache);
      console.log(JSON.stringify({
        workspaceRoot,
        typescript: modules.some((path) => path.includes('/node_modules/typescript/')),
        swcRegister: modules.some((path) => path.includes('/node_modules/@swc-node/')),
        nest: modules.some((path) => path.includes('/node_modules/@nestjs/core/')),
      }));
    `);
    expect(JSON.parse(loaded)).toEqual({ workspaceRoot, typescript: false, swcRegister: false, nest: true });
  });

  it('produces every file the images and docker-compose.yml run', () => {
    const commands: string[][] = [];
    for (const app of ['gateway', 'worker']) {
      const dockerfile = readFileSync(join(workspaceRoot, `apps/${app}/Dockerfile`), 'utf8');
      const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
      commands.push(JSON.parse(cmd ?? '[]') as string[]);
      expect(dockerfile).toContain('node scripts/build.mjs');
    }
    const compose = parse(readFileSync(join(workspaceRoot, 'docker-compose.yml'), 'utf8'), {
      merge: true,
    }) as {
      services: Record<string, { command?: string[] }>;
    };
    commands.push(compose.services.setup?.command ?? []);
    expect(commands.map((command) => command.at(-1))).toEqual([
      'dist/node/apps/gateway/src/main.js',
      'dist/node/apps/worker/src/main.js',
      'dist/node/apps/worker/src/setup-main.js',
    ]);
    for (const command of commands) {
      expect(command[0]).toBe('node');
      expect(existsSync(join(workspaceRoot, command.at(-1) ?? ''))).toBe(true);
    }
  });
});
