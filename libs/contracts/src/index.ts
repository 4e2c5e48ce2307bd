export * from './search-attributes';
export * from './task-queue';
export * from './initiative';
export * from './initiative-state';
export * from './initiative-messages';
export * from './errors';
export * from './audit-actions';
export * from './access';
