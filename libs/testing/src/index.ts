export * from './embedded-postgres';
export * from './temporal';
export * from './database';
export * from './ports';
