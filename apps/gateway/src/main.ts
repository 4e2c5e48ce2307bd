import 'reflect-metadata';
import { createLogger, type LoggerOutput, loadConfigOrExit } from '@cio/config';
import { createGatewayApp } from './create-app';

// Nest's start-up report (every module initialised, every route mapped) is for debugging: at
// `info` it would bury the one line that says the gateway is listening.
const NEST_START_UP = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);
const INFO = 30;

type LogMethodHook = NonNullable<NonNullable<LoggerOutput['hooks']>['logMethod']>;

const demoteNestStartUp: LogMethodHook = function (args, method, level) {
  const [fields] = args;
  const context =
    typeof fields === 'object' && fields !== null ? (fields as { context?: unknown }).context : undefined;
  if (level === INFO && typeof context === 'string' && NEST_START_UP.has(context)) {
    Reflect.apply(this.debug, this, args);
    return;
  }
  method.apply(this, args);
};

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'gateway', { hooks: { logMethod: demoteNestStartUp } });
  const app = await createGatewayApp(config, logger);
  await app.listen(config.gateway.port, config.gateway.host);
  logger.info({ url: `http://${config.gateway.host}:${config.gateway.port}` }, 'gateway listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
