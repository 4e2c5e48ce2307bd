export * from './data-sources';
export * from './data-source-errors';
export * from './points';
export * from './prometheus';
export * from './http-json';
