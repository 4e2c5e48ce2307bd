// One-shot setup against an existing cluster and database (docker-compose's `setup` service):
// migrate the register, register the search attributes, schedule the daily digest. Safe to run on
// every deploy.
import 'reflect-metadata';
import { Connection } from '@temporalio/client';
import { createLogger, loadConfigOrExit } from '@cio/config';
import { migrateToLatest } from '@cio/persistence';
import { ensureDigestSchedule, ensureSearchAttributes } from './setup';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'setup');
  if (!config.temporal.address || !config.database.url) {
    logger.fatal('setup needs TEMPORAL_ADDRESS and DATABASE_URL');
    process.exit(78);
  }
  const applied = await migrateToLatest({
    ...config.database,
    url: config.database.url,
    applicationName: 'cio-setup',
  });
  logger.info({ applied }, 'register migrated');
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    await ensureSearchAttributes(connection, config.temporal.namespace, logger);
    await ensureDigestSchedule(connection, config, logger);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `setup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
