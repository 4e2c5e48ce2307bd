import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { GatewayError } from '../errors/gateway-error';
import { DirectoryRecorder } from '../people/directory-recorder';
import type { Principal } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { InvalidTokenError, KeysUnavailableError, TokenVerifier } from './token-verifier';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Every route needs a valid bearer token unless marked @Public(). What the token says of its
 * bearer is recorded in the people directory (when due; never failing the call).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
    private readonly directory: DirectoryRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim()) : null;
    if (!match?.[1]) {
      throw GatewayError.unauthenticated(
        header ? 'the Authorization header must be "Bearer <token>"' : 'a bearer token is required',
      );
    }
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw GatewayError.unauthenticated(error.message);
      if (error instanceof KeysUnavailableError)
        throw GatewayError.unavailable('IDENTITY_PROVIDER_UNAVAILABLE', error.message);
      throw error;
    }
    this.directory.record(request.principal);
    return true;
  }
}
