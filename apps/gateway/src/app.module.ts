import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@cio/config';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { APP_CONFIG } from './infrastructure/tokens';

@Module({})
export class AppModule {
  /** The whole gateway, built from one validated configuration object. */
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: class ConfigModule {},
          global: true,
          providers: [{ provide: APP_CONFIG, useValue: config }],
          exports: [APP_CONFIG],
        },
        InfrastructureModule,
        HealthModule,
      ],
    };
  }
}
