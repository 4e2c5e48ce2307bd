import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { workspaceRoot } from '@cio/config';

export const workflowsPath = resolve(workspaceRoot, 'workflows/src/index.ts');

/** Webpack aliases for our `@cio/*` path mappings, so the bundler resolves what tsc resolves. */
function pathAliases(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const aliases: Record<string, string> = {};
  for (const [name, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    const target = targets[0];
    if (target) aliases[`${name}$`] = resolve(workspaceRoot, target);
  }
  return aliases;
}

export const workflowBundleOptions: Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook'> = {
  workflowsPath,
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...pathAliases() } },
  }),
};
