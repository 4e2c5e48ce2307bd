import { Global, Module } from '@nestjs/common';
import { GatewayMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: GatewayMetrics, useFactory: () => new GatewayMetrics() }],
  exports: [GatewayMetrics],
})
export class MetricsModule {}
