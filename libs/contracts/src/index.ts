export * from './search-attributes';
export * from './task-queue';
