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
  // Start-up tooling `npm start` runs (embedded PostgreSQL, compiled entry points): production code,
  // so never the test helpers.
  { sourceTag: 'type:local-services', onlyDependOnLibsWithTags: ['type:config', 'type:persistence'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:domain',
      'type:persistence',
      'type:config',
      'type:local-services',
    ],
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

/** The start of an SQL statement (this code base writes SQL keywords in capitals). */
const SQL_STATEMENT =
  '/^\\s*(SELECT\\s|INSERT\\s+INTO\\s|UPDATE\\s+\\w+\\s+SET\\s|DELETE\\s+FROM\\s|WITH\\s+\\w+\\s+AS\\s*\\(|CREATE\\s+(TABLE|INDEX|DATABASE)\\s|ALTER\\s+TABLE\\s|DROP\\s+(TABLE|INDEX|DATABASE)\\s)/';

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
    // SQL lives in libs/persistence, behind functions named for what they do (STYLE.md). The
    // suites, benchmarks and test helpers may read and seed the register directly.
    files: ['apps/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts', 'libs/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['libs/persistence/**', 'libs/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          ['Literal', 'value'],
          ['TemplateElement', 'value.raw'],
        ].map(([node, attribute]) => ({
          selector: `${node}[${attribute}=${SQL_STATEMENT}]`,
          message: 'SQL belongs in libs/persistence: call a function named for what it does.',
        })),
        {
          selector: `CallExpression[callee.property.name='query'][arguments.0.type=/^(Literal|TemplateLiteral)$/]`,
          message: 'SQL belongs in libs/persistence: call a function named for what it does.',
        },
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
