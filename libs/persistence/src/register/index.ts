export * from './register-error';
export * from './measurement-ingest';
export * from './initiative-queries';
export * from './initiative-detail';
export * from './audit-trail';
export * from './feedback';
export * from './idempotency';
