import { randomBytes } from 'node:crypto';
import {
  createDatabaseIfMissing,
  databaseUrl,
  type DatabaseOptions,
  dropDatabase,
  migrateToLatest,
} from '@cio/persistence';
import { loadConfig } from '@cio/config';

export interface TestDatabase {
  url: string;
  options: DatabaseOptions;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = loadConfig().test.databaseAdminUrl;
  if (!url)
    throw new Error(
      'TEST_DATABASE_ADMIN_URL is not set: run the suites through jest (its global setup sets it)',
    );
  return url;
}

/** A fresh, empty database on the test PostgreSQL; `migrated` applies every migration first. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `cio_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(admin, name);
  const url = databaseUrl(admin, name);
  const dbOptions: DatabaseOptions = {
    url,
    poolSize: 5,
    statementTimeoutMs: 15_000,
    connectTimeoutMs: 5_000,
    applicationName: 'cio-tests',
  };
  if (options.migrated) await migrateToLatest(dbOptions);
  return {
    url,
    options: dbOptions,
    drop: () => dropDatabase(admin, name),
  };
}
