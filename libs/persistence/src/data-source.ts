import { DataSource } from 'typeorm';
import * as registerEntities from './entities';
import { InitialRegister1764018000000 } from './migrations/1764018000000-initial-register';
import { MeasurementsAndNotifications1764021600000 } from './migrations/1764021600000-measurements-and-notifications';
import { RegisterDetail1764028800000 } from './migrations/1764028800000-register-detail';
import { IdempotencyKeys1764036000000 } from './migrations/1764036000000-idempotency-keys';
import { InvolvementAndRefusals1796083200000 } from './migrations/1796083200000-involvement-and-refusals';
import { RegisterListColumns1796086800000 } from './migrations/1796086800000-register-list-columns';
import { MeasurementWindowValues1796088600000 } from './migrations/1796088600000-measurement-window-values';
import { CollectionWindows1796090400000 } from './migrations/1796090400000-collection-windows';
import { OpportunitiesAndWatches1796092200000 } from './migrations/1796092200000-opportunities-and-watches';
import { OpportunityCommentKeys1796094000000 } from './migrations/1796094000000-opportunity-comment-keys';
import { PeopleAndEmail1796095800000 } from './migrations/1796095800000-people-and-email';
import { DigestIndexes1796097600000 } from './migrations/1796097600000-digest-indexes';
import { WorkOrderIndex1796184000000 } from './migrations/1796184000000-work-order-index';

export const entities = Object.values(registerEntities);
/** In order; a new migration is appended here and nowhere else. */
export const migrations = [
  InitialRegister1764018000000,
  MeasurementsAndNotifications1764021600000,
  RegisterDetail1764028800000,
  IdempotencyKeys1764036000000,
  InvolvementAndRefusals1796083200000,
  RegisterListColumns1796086800000,
  MeasurementWindowValues1796088600000,
  CollectionWindows1796090400000,
  OpportunitiesAndWatches1796092200000,
  OpportunityCommentKeys1796094000000,
  PeopleAndEmail1796095800000,
  DigestIndexes1796097600000,
  WorkOrderIndex1796184000000,
];

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /**
   * How long the client waits for any answer to a query. The server's statement timeout cannot
   * fire when the server or the network path has gone silent; this bound still does. Unset, the
   * client waits as long as the connection stays open.
   */
  queryTimeoutMs?: number;
  applicationName?: string;
}

/** The register's data source. Schema changes come from migrations only (`synchronize` is off). */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize,
    applicationName: options.applicationName ?? 'continual-improvement',
    extra: {
      // No JIT compilation: the register's queries are short, and plans whose cost is estimated
      // high (JSON arrays count as 100 rows) paid tens of milliseconds to compile queries that run
      // in one. Even the evaluation over 1,000,000 samples ran faster without it (npm run bench).
      options: '-c jit=off',
      statement_timeout: options.statementTimeoutMs,
      connectionTimeoutMillis: options.connectTimeoutMs,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    },
  });
}

/** Runs pending migrations in their own transaction each; returns the names applied. */
export async function migrateToLatest(options: DatabaseOptions): Promise<string[]> {
  // No statement timeout: a backfill or an index built over a large register takes as long as it
  // takes (cancelled halfway, a concurrent index build would only start over next time).
  const dataSource = createDataSource({ ...options, statementTimeoutMs: 0, queryTimeoutMs: undefined });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
