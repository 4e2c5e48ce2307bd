export * from './create-worker';
export * from './workflow-bundle';
