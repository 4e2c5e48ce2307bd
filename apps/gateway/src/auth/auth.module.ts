import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '@cio/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';
import { WriteThrottlerGuard } from './write-throttler.guard';

/** Every route is authenticated first, then state-changing ones are rate-limited per caller. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.gateway.writeRateLimit }],
    }),
  ],
  providers: [
    TokenVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: WriteThrottlerGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
