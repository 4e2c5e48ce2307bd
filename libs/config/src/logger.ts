import pino, { type Logger } from 'pino';
import type { AppConfig } from './config';

/** Structured JSON logs for every process; `component` tells the processes apart. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, component: string): Logger {
  return pino({ level: config.logLevel, base: { component } });
}

export type { Logger };
