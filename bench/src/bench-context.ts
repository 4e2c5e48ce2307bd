import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@cio/config';
import { createTestDatabase, freePort, startEmbeddedPostgres, type TestDatabase } from '@cio/testing';

export interface BenchServices {
  /** A fresh migrated database on the benchmark's PostgreSQL. */
  database(): Promise<TestDatabase>;
  stop(): Promise<void>;
}

/**
 * The services a benchmark needs: the embedded PostgreSQL in a temporary directory, or the server
 * TEST_DATABASE_ADMIN_URL names. Nothing is shared with a running `npm start`.
 */
export async function startBenchServices(): Promise<BenchServices> {
  const stops: (() => Promise<void>)[] = [];
  if (!loadConfig().test.databaseAdminUrl) {
    const directory = mkdtempSync(join(tmpdir(), 'cio-bench-pg-'));
    chmodSync(directory, 0o755); // as root, the cluster runs as the postgres user
    const postgres = await startEmbeddedPostgres({
      directory: join(directory, 'cluster'),
      port: await freePort(),
      database: 'postgres',
    });
    process.env.TEST_DATABASE_ADMIN_URL = postgres.url;
    stops.push(async () => {
      await postgres.stop();
      rmSync(directory, { recursive: true, force: true });
    });
  }
  const databases: TestDatabase[] = [];
  return {
    async database() {
      const db = await createTestDatabase({ migrated: true });
      databases.push(db);
      return db;
    },
    async stop() {
      for (const db of databases) await db.drop();
      for (const stop of stops.reverse()) await stop();
    },
  };
}
