export * from './register-check.workflow';
