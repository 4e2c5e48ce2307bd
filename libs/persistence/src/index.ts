export * from './data-source';
export * from './entities';
export * from './register';
export * from './database-provisioning';
