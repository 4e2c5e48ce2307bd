import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@cio/config';
import { createGatewayApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'gateway');
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
