import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// STYLE.md's dependency table, enforced on the Nx project graph.
const depConstraints = [
  {
    sourceTag: 'type:workflows',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:activities'],
    // Only the Temporal workflow runtime: no ORM, no I/O libraries.
    allowedExternalImports: ['@temporalio/workflow', '@temporalio/common'],
  },
  {
    sourceTag: 'type:activities',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:persistence', 'type:config'],
    bannedExternalImports: ['@temporalio/workflow'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: ['@temporalio/*', '@nestjs/*', 'typeorm', 'pg'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:contracts'] },
  {
    sourceTag: 'type:persistence',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:config'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:persistence', 'type:config'],
  },
  {
    sourceTag: 'scope:gateway',
    notDependOnLibsWithTags: ['type:workflows', 'type:activities', 'scope:worker'],
  },
  { sourceTag: 'scope:worker', notDependOnLibsWithTags: ['scope:gateway'] },
  // Cross-project suites and benchmarks exercise everything.
  { sourceTag: 'type:tests', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['*'] },
];

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '.data', '.tools', '.nx', 'coverage', 'tests/replay/histories'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    // Nest resolves constructor parameters from emitted decorator metadata, so a class used only in
    // a constructor signature must stay a value import; the parser needs to know.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, and activities
    // are reached through proxyActivities with `import type` only.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code must not use Node built-ins.' })),
            {
              name: '@cio/activities',
              allowTypeImports: true,
              message: 'Workflows may only `import type` from activities.',
            },
            {
              // Every new run evaluates its bundle's modules afresh: the statistics libraries
              // would cost each run milliseconds for functions only activities call.
              name: '@cio/domain/statistics',
              allowTypeImports: true,
              message: 'The KPI statistics run in activities; keep them out of the workflow bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: nodeBuiltins.map((name) => ({ name, message: 'Pure code: no Node built-ins.' })) },
      ],
    },
  },
  {
    // Cross-project suites and benchmarks drive the apps' own factories (worker, gateway).
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', { allow: ['@cio/worker', '@cio/gateway'], depConstraints }],
    },
  },
  prettier,
);
