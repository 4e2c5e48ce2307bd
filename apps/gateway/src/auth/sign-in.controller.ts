import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SignJWT } from 'jose';
import type { z } from 'zod';
import type { AppConfig } from '@cio/config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { DEV_PERSONAS } from './dev-personas';
import { Public } from './public.decorator';
import { DevTokenRequestSchema, type SignInConfig, SignInConfigSchema } from './sign-in.schemas';

/** How long a development token lasts. */
const DEV_TOKEN_HOURS = 8;

/** What the web app needs to know to sign people in. */
@Public()
@ApiTags('auth')
@Controller('auth')
export class SignInConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config')
  @ApiOperation({ summary: 'How to sign in: a development persona, the OpenID provider, or a bearer token' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The sign-in configuration.',
    standardSchema: SignInConfigSchema,
  })
  signInConfig(): SignInConfig {
    const { auth, web, temporal } = this.config;
    return {
      signIn: auth.devSignIn ? 'development' : auth.oidc ? 'oidc' : 'token',
      personas: auth.devSignIn
        ? DEV_PERSONAS.map((p) => ({ ...p, roles: [...p.roles], departments: [...p.departments] }))
        : [],
      oidc: auth.oidc ? { ...auth.oidc, resource: auth.oidc.resource ?? null } : null,
      temporalUiUrl: web.temporalUiUrl,
      temporalNamespace: temporal.namespace,
    };
  }
}

/**
 * Development only (NODE_ENV=development with the development secret): mints a token for a
 * person of your choosing. The module is not loaded anywhere else, so the route does not exist.
 */
@Public()
@ApiExcludeController()
@Controller('auth')
export class DevSignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('dev-tokens')
  @HttpCode(HttpStatus.CREATED)
  async mint(@Body({ schema: DevTokenRequestSchema }) body: z.infer<typeof DevTokenRequestSchema>) {
    const { auth } = this.config;
    const expires = Math.floor(Date.now() / 1000) + DEV_TOKEN_HOURS * 3600;
    const token = await new SignJWT({
      roles: body.roles,
      departments: body.departments,
      ...(body.name ? { name: body.name } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(body.sub)
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(new TextEncoder().encode(auth.jwtSecret));
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }
}
