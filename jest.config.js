// One Jest run over every project: unit specs next to the code (`*.spec.ts`) and the
// cross-project suites under tests/ (`*.test.ts`). The global setup starts the real services
// the suites need (a Temporal dev server and PostgreSQL) and stops them afterwards.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

/** @type {import('jest').Config} */
const system = {
  displayName: 'system',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          // Rewrites the @cio/* aliases at transform time, which also covers the global setup
          // (it runs outside Jest's module registry, so moduleNameMapper does not reach it).
          baseUrl: __dirname,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      },
    ],
    // jose is published as ES modules only; Jest's CommonJS runtime needs it compiled.
    '^.+/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  testMatch: [
    '<rootDir>/{apps,libs,workflows,activities,bench}/**/*.spec.ts',
    '<rootDir>/tests/**/*.test.ts',
  ],
  // The web app's component tests run in the browser-like project below.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
  setupFiles: ['<rootDir>/tests/setup/quiet-temporal.ts'],
  globalSetup: '<rootDir>/tests/setup/global-setup.js',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.js',
  testTimeout: 120_000,
};

/**
 * The web app's component tests (apps/web, `*.spec.ts(x)`): jsdom, React's JSX, and none of the
 * system's services (no global setup), so they start in a second.
 */
const web = {
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/apps/web/src/test/jsdom-environment.js',
  testMatch: ['<rootDir>/apps/web/src/**/*.spec.{ts,tsx}'],
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: { '\\.css$': '<rootDir>/apps/web/src/test/style-stub.js' },
  setupFilesAfterEnv: ['<rootDir>/apps/web/src/test/setup.ts'],
  testTimeout: 20_000,
};

// testTimeout is a global option (a project's own is ignored): the system's suites need minutes.
module.exports = { projects: [system, web], maxWorkers: 2, testTimeout: 120_000 };
