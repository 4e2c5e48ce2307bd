import type { DataSource } from 'typeorm';
import { eventually } from '@cio/testing';

/**
 * Runs `sql` (e.g. `SELECT … FOR UPDATE`, `LOCK TABLE …`) in a transaction of the test's own and
 * keeps its locks until `release()`: a worker's activity that needs them waits mid-transaction.
 */
export async function holdLock(dataSource: DataSource, sql: string, params: unknown[] = []) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(sql, params);
  return {
    async release() {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}

/** Resolves once some session of this database (other than the test's) waits for a lock. */
export function someoneWaitsOnLock(dataSource: DataSource): Promise<void> {
  return eventually(async () => {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    expect(row.n).toBeGreaterThan(0);
  });
}
