import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
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
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:domain',
      'type:persistence',
      'type:config',
      'type:data-sources',
    ],
    bannedExternalImports: ['@temporalio/workflow'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: ['@temporalio/*', '@nestjs/*', 'typeorm', 'pg'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:contracts'] },
  // Talking to the data sources KPIs are pulled from (Prometheus, HTTP JSON services).
  { sourceTag: 'type:data-sources', onlyDependOnLibsWithTags: ['type:contracts', 'type:config'] },
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
      'type:data-sources',
    ],
  },
  {
    sourceTag: 'scope:gateway',
    notDependOnLibsWithTags: ['type:workflows', 'type:activities', 'scope:worker'],
  },
  { sourceTag: 'scope:worker', notDependOnLibsWithTags: ['scope:gateway'] },
  // The people's web app talks to the gateway over HTTP only: none of our projects, no server code.
  {
    sourceTag: 'scope:web',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: ['@temporalio/*', '@nestjs/*', 'typeorm', 'pg', 'jose', 'express', 'zod', 'pino*'],
  },
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
  // Generated from apps/gateway/openapi.json by scripts/build-web.mjs (git-ignored).
  { ignores: ['apps/web/src/api/schema.gen.ts'] },
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
  {
    // The web app (React, in the browser): hooks used by the rules, the module boundaries for .tsx
    // too, and no way into server code — not through a path alias, a relative path or Node.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    ignores: ['apps/web/vite.config.mts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The web app runs in the browser: no Node built-ins.',
          })),
          patterns: [
            {
              group: ['@cio/*'],
              message: 'The web app talks to the gateway over HTTP; it imports none of our projects.',
            },
            {
              group: [
                '**/libs/**',
                '**/apps/gateway/**',
                '**/apps/worker/**',
                '**/workflows/**',
                '**/activities/**',
              ],
              message: 'The web app imports no server code.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'User text is rendered as text, never as markup.',
        },
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML)$/]',
          message: 'User text is rendered as text, never as markup.',
        },
      ],
    },
  },
  {
    // The web app's component tests read what they rendered field by field, as the suites do.
    files: ['apps/web/**/*.spec.ts', 'apps/web/**/*.spec.tsx', 'apps/web/src/test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
