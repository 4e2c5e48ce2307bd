// Runs a TypeScript entry point of this repository with SWC (decorator metadata and the @cio/*
// path aliases included), after the bootstrap has made sure dependencies are installed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bootstrap, root } from './bootstrap.mjs';

export function runTs(entry, args = [], { env = process.env, forwardSignals = true } = {}) {
  bootstrap();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(root, entry), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, SWC_NODE_PROJECT: join(root, 'tsconfig.runtime.json') },
  });
  if (forwardSignals) {
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    // `npm start` under npm 11 exits on SIGTERM without passing it on; when our parent goes away,
    // stop the child as if we had been sent SIGTERM ourselves.
    const parent = process.ppid;
    const watchdog = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watchdog);
        child.kill('SIGTERM');
      }
    }, 500);
    child.on('exit', () => clearInterval(watchdog));
  }
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (process.argv[1] && process.argv[1].endsWith('run-ts.mjs')) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
    process.exit(2);
  }
  process.exit(await runTs(entry, args));
}
