// The embedded PostgreSQL and the compiled entry points are start-up tooling (`npm start` runs them);
// the suites and benchmarks reach them here too.
export {
  compiledEntryPoint,
  type EmbeddedPostgresOptions,
  type RunningPostgres,
  startEmbeddedPostgres,
} from '@cio/local-services';
export * from './temporal';
export * from './database';
export * from './ports';
export * from './eventually';
export * from './measurements';
export * from './fixtures/retailer';
export * from './tokens';
export * from './browser';
export * from './entry-points';
export * from './debian-packages';
export * from './prometheus';
export * from './smtp-mailbox';
