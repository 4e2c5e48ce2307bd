import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@cio/config';
import { createDataSource } from '@cio/persistence';
import { RegisterDatabase } from './register-database';
import { APP_CONFIG, TEMPORAL_CLIENT } from './tokens';

/**
 * The gateway's connections: one Temporal client and one register data source, opened lazily
 * so that the gateway starts (and answers /health/ready with 503) while either is still down.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Client({
          connection: Connection.lazy({
            address: requireSetting(config.temporal.address, 'TEMPORAL_ADDRESS'),
          }),
          namespace: config.temporal.namespace,
        }),
    },
    {
      provide: RegisterDatabase,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new RegisterDatabase(
          createDataSource({
            ...config.database,
            url: requireSetting(config.database.url, 'DATABASE_URL'),
            applicationName: 'cio-gateway',
          }),
        ),
    },
  ],
  exports: [TEMPORAL_CLIENT, RegisterDatabase],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly database: RegisterDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
    await this.database.close();
  }
}

function requireSetting(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} must be set for the gateway (npm start sets it)`);
  return value;
}
