import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { AppConfig } from '@cio/config';
import { DataSources } from '@cio/data-sources';
import { createDataSource } from '@cio/persistence';
import { RegisterDatabase } from './register-database';
import { APP_CONFIG, TEMPORAL_CLIENT } from './tokens';
import { UpdatesPerInitiative } from './updates-per-initiative';

/**
 * Attempts per call to Temporal (about two seconds of retries) before the gateway answers 503
 * TEMPORAL_UNAVAILABLE; the SDK's default (10 attempts) kept a caller waiting 20 s while the
 * server was down. The client retries, with its Idempotency-Key.
 */
const TEMPORAL_CALL_ATTEMPTS = 5;

/**
 * gRPC's reconnect backoff grows to 2 minutes during an outage, so the gateway could keep
 * answering 503 long after Temporal is back; reconnect attempts stay at most this far apart.
 */
const TEMPORAL_MAX_RECONNECT_BACKOFF_MS = 5_000;

/** Below Temporal's default of 10 in-flight updates per workflow, leaving room for other clients. */
const UPDATES_IN_FLIGHT_PER_INITIATIVE = 8;

/**
 * PostgreSQL cancels a slow statement itself at the statement timeout; a query still unanswered
 * this much later means the server or the network went silent, and the caller gets a 503.
 */
const SILENT_REGISTER_MARGIN_MS = 1_000;

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
            channelArgs: { 'grpc.max_reconnect_backoff_ms': TEMPORAL_MAX_RECONNECT_BACKOFF_MS },
            interceptors: [
              makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: TEMPORAL_CALL_ATTEMPTS })),
            ],
          }),
          namespace: config.temporal.namespace,
          interceptors: { workflow: [new UpdatesPerInitiative(UPDATES_IN_FLIGHT_PER_INITIATIVE)] },
        }),
    },
    {
      provide: DataSources,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new DataSources(config.dataCollection),
    },
    {
      provide: RegisterDatabase,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new RegisterDatabase(
          createDataSource({
            ...config.database,
            url: requireSetting(config.database.url, 'DATABASE_URL'),
            queryTimeoutMs: config.database.statementTimeoutMs + SILENT_REGISTER_MARGIN_MS,
            applicationName: 'cio-gateway',
          }),
        ),
    },
  ],
  exports: [TEMPORAL_CLIENT, RegisterDatabase, DataSources],
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
