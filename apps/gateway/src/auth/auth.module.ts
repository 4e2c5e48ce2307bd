import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { AppConfig } from '@cio/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { DirectoryRecorder } from '../people/directory-recorder';
import { AuthGuard } from './auth.guard';
import { RateLimitWindows } from './rate-limit-windows';
import { DevSignInController, SignInConfigController } from './sign-in.controller';
import { TokenVerifier } from './token-verifier';
import {
  COMMAND_THROTTLER,
  INGEST_THROTTLER,
  RATE_LIMIT_WINDOW_MS,
  WriteThrottlerGuard,
} from './write-throttler.guard';

/**
 * Every route is authenticated first (the caller's claims recorded in the people directory), then
 * state-changing ones are rate-limited per caller: commands and ingest (measurements, feedback)
 * each under a limit of their own.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ThrottlerModuleOptions => ({
        throttlers: [
          { name: COMMAND_THROTTLER, ttl: RATE_LIMIT_WINDOW_MS, limit: config.gateway.writeRateLimit },
          { name: INGEST_THROTTLER, ttl: RATE_LIMIT_WINDOW_MS, limit: config.gateway.ingestRateLimit },
        ],
        storage: new RateLimitWindows(),
        errorMessage: (_context, limit) =>
          `more than ${limit.limit} requests a minute from this caller; retry in ${limit.timeToBlockExpire} s`,
      }),
    }),
  ],
  controllers: [SignInConfigController],
  providers: [
    TokenVerifier,
    DirectoryRecorder,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: WriteThrottlerGuard },
  ],
  exports: [TokenVerifier, DirectoryRecorder],
})
export class AuthModule {}

/** Development sign-in (NODE_ENV=development with the development secret): loaded nowhere else. */
@Module({ controllers: [DevSignInController] })
export class DevSignInModule {}
