import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrateToLatest, type DatabaseOptions } from '@cio/persistence';
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

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database on the test PostgreSQL; `migrated` applies every migration first. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `cio_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = withDatabase(admin, name);
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
    async drop() {
      const dropper = new Client({ connectionString: admin });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
