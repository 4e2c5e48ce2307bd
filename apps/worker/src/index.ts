export * from './create-worker';
export * from './workflow-bundle';
export * from './setup';
export * from './notifications/webhook-dispatcher';
export * from './notifications/webhook-signature';
export * from './telemetry/register-metrics';
export * from './collection/window-collector';
