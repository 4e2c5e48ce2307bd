import 'reflect-metadata';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLogger, loadConfigOrExit } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import { createActivities } from '@cio/activities';
import { createInitiativeWorker } from './create-worker';
import { DataSources } from '@cio/data-sources';
import { WindowCollector } from './collection/window-collector';
import { EmailDispatcher } from './notifications/email/email-dispatcher';
import { WebhookDispatcher } from './notifications/webhook-dispatcher';
import { installRuntime } from './telemetry/install-runtime';
import { ProcessMetrics } from './telemetry/process-metrics';
import { RegisterMetrics } from './telemetry/register-metrics';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'worker');
  if (!config.temporal.address || !config.database.url) {
    logger.fatal('TEMPORAL_ADDRESS and DATABASE_URL must be set for the worker (npm start sets both)');
    process.exit(78);
  }
  installRuntime(config, logger);
  const dataSource = createDataSource({
    ...config.database,
    url: config.database.url,
    applicationName: 'cio-worker',
  });
  await dataSource.initialize();
  const dataSources = new DataSources(config.dataCollection);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createInitiativeWorker({
    connection,
    config,
    activities: createActivities({
      dataSource,
      logger,
      dataSources,
      priorityWeights: config.opportunities.weights,
    }),
    logger,
  });
  logger.info(
    { taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace },
    'worker polling',
  );
  const metrics = new RegisterMetrics(
    Runtime.instance().metricMeter,
    dataSource,
    logger,
    dataSources.list().map((source) => source.name),
  );
  metrics.start();
  const processMetrics = new ProcessMetrics(Runtime.instance().metricMeter);
  processMetrics.start();
  logger.info({ address: config.worker.metricsAddress }, 'metrics at http://<address>/metrics');
  // The outbox is delivered beside the worker, never inside a workflow.
  const dispatcher = new WebhookDispatcher({ dataSource, logger, webhooks: config.webhooks });
  if (config.webhooks.urls.length > 0) {
    dispatcher.start();
    logger.info({ urls: config.webhooks.urls.length }, 'webhook delivery started');
  } else {
    logger.info('no WEBHOOK_URLS: notifications stay in the outbox (the register) only');
  }
  // Email too, to the people each notification reaches, when an SMTP server is configured.
  let mailer: EmailDispatcher | undefined;
  if (config.mail) {
    mailer = new EmailDispatcher({
      dataSource,
      logger,
      mail: config.mail,
      publicWebUrl: config.publicWebUrl,
      timeZone: config.digest.timeZone,
      webhooks: config.webhooks.urls.length > 0,
    });
    mailer.start();
    logger.info({ host: config.mail.host, port: config.mail.port }, 'email delivery started');
  } else {
    logger.info('no SMTP_HOST: no email is sent');
  }
  // Pulled KPIs of open windows are collected beside the worker, at the collection step.
  const collector = new WindowCollector({
    dataSource,
    dataSources,
    logger,
    collection: config.dataCollection,
  });
  if (config.dataCollection.sources.length > 0) {
    collector.start();
    logger.info(
      { sources: dataSources.list().map((s) => s.name), stepMs: config.dataCollection.stepMs },
      'data collection started',
    );
  }
  // Worker.run() installs SIGINT/SIGTERM handlers: it stops polling, lets running tasks drain
  // for shutdownGraceTime, then resolves.
  await worker.run();
  await Promise.all([dispatcher.stop(), mailer?.stop(), collector.stop()]);
  metrics.stop();
  processMetrics.stop();
  await connection.close();
  await dataSource.destroy();
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
