export * from './create-activities';
export * from './activity-contracts';
export * from './register-errors';
export * from './digest.activities';
