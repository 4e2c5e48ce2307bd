export * from './create-worker';
export * from './workflow-bundle';
export * from './setup';
