export * from './config';
export * from './logger';
export * from './data-sources';
