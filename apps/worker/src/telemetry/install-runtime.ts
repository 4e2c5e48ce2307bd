import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';
import type { AppConfig, Logger } from '@cio/config';

const SDK_LEVEL: Record<AppConfig['logLevel'], LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/**
 * The worker process's Temporal runtime: the SDK's own logs go to pino, in LOG_FORMAT like ours
 * (with the workflow and run ids the SDK attaches), and its metrics, plus ours, to a Prometheus
 * endpoint at WORKER_METRICS_ADDRESS. Once per process, before the first connection.
 */
export function installRuntime(config: AppConfig, logger: Logger): void {
  Runtime.install({
    logger: new DefaultLogger(SDK_LEVEL[config.logLevel], ({ level, message, meta }) => {
      const log = logger.child({ sdk: true });
      const fields = meta ?? {};
      if (level === 'ERROR') log.error(fields, message);
      else if (level === 'WARN') log.warn(fields, message);
      else if (level === 'INFO') log.info(fields, message);
      else log.debug(fields, message);
    }),
    telemetryOptions: {
      metrics: { prometheus: { bindAddress: config.worker.metricsAddress } },
    },
  });
}
