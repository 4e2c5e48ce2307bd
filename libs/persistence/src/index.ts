export * from './data-source';
export * from './entities/initiative.entity';
export * from './entities/audit-entry.entity';
