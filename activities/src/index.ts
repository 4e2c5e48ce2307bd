export * from './create-activities';
