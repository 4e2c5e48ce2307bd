export * from './register-check.workflow';
export * from './initiative.workflow';
export * from './service-watch.workflow';
export * from './daily-digest.workflow';
