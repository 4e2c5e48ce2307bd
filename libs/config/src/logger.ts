import { isatty } from 'node:tty';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { AppConfig } from './config';

export interface LoggerOutput {
  /** Where the lines go: standard output unless a stream is given (as tests do). */
  destination?: NodeJS.WritableStream;
  /** pino's hooks, e.g. to demote a framework's start-up report to debug. */
  hooks?: LoggerOptions['hooks'];
}

/**
 * The logger of every process; `component` tells the processes apart. `LOG_FORMAT=json` (the
 * default outside development) writes one JSON object a line, for machines; `pretty` writes
 * readable lines for a person at `npm start` (`[12:00:01.234] INFO (worker): worker polling …`),
 * coloured only on a terminal.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel' | 'logFormat'>,
  component: string,
  output: LoggerOutput = {},
): Logger {
  const options: LoggerOptions = { level: config.logLevel, ...(output.hooks ? { hooks: output.hooks } : {}) };
  if (config.logFormat === 'json') {
    const json = { ...options, base: { component } };
    return output.destination ? pino(json, output.destination) : pino(json);
  }
  const destination = output.destination ?? pino.destination({ dest: 1, sync: false });
  const prettify = prettyFactory({
    colorize: output.destination ? (output.destination as { isTTY?: boolean }).isTTY === true : isatty(1),
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  // pino-pretty shows `name` after the level: the component, where a person looks for it.
  return pino(
    { ...options, base: {}, name: component },
    { write: (line: string) => destination.write(prettify(line)) },
  );
}

export type { Logger };
