export * from './register-check.workflow';
export * from './initiative.workflow';
