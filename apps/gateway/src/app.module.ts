import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig, Logger } from '@cio/config';
import { AuthModule, DevSignInModule } from './auth/auth.module';
import { CommandsModule } from './commands/commands.module';
import { DataSourcesModule } from './data-sources/data-sources.module';
import { HealthModule } from './health/health.module';
import { ImplementationModule } from './implementation/implementation.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { requestIdOf } from './infrastructure/request-id';
import { APP_CONFIG } from './infrastructure/tokens';
import { InitiativesModule } from './initiatives/initiatives.module';
import { MeasurementsModule } from './measurements/measurements.module';
import { MetricsModule } from './metrics/metrics.module';
import { PeopleModule } from './people/people.module';
import { PlansModule } from './plans/plans.module';
import { RefusalsModule } from './refusals/refusals.module';
import { WatchesModule } from './watches/watches.module';
import { WorkModule } from './work/work.module';
import { OpportunitiesModule } from './opportunities/opportunities.module';
import { PortfolioModule } from './portfolio/portfolio.module';

@Module({})
export class AppModule {
  /** The whole gateway, built from one validated configuration object. */
  static forConfig(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: class ConfigModule {},
          global: true,
          providers: [{ provide: APP_CONFIG, useValue: config }],
          exports: [APP_CONFIG],
        },
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            genReqId: requestIdOf,
            // Who asked, and which initiative (and so which workflow, `initiative-<id>`) it was about.
            customProps: (request) => {
              const { principal, params } = request as {
                principal?: { user: string };
                params?: Record<string, string>;
              };
              return {
                ...(principal ? { user: principal.user } : {}),
                ...(params?.id ? { initiativeId: params.id, workflowId: `initiative-${params.id}` } : {}),
              };
            },
            // Bodies and tokens stay out of the logs.
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
            },
          },
        }),
        InfrastructureModule,
        MetricsModule,
        AuthModule,
        ...(config.auth.devSignIn ? [DevSignInModule] : []),
        CommandsModule,
        HealthModule,
        InitiativesModule,
        PlansModule,
        ImplementationModule,
        MeasurementsModule,
        WorkModule,
        RefusalsModule,
        DataSourcesModule,
        OpportunitiesModule,
        PortfolioModule,
        WatchesModule,
        PeopleModule,
      ],
    };
  }
}
