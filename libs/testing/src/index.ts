export * from './embedded-postgres';
export * from './temporal';
export * from './database';
export * from './ports';
export * from './eventually';
export * from './measurements';
export * from './fixtures/retailer';
export * from './tokens';
