import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@cio/config';
import type { DocumentedRoutes } from './documented-routes';
import { toGatewayError } from './error-mapping';
import { type ErrorBody, GatewayError } from './gateway-error';
import { requestIdOf } from '../infrastructure/request-id';

/** Every error leaves the gateway with the same body, `{ code, message, details, requestId }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly routes?: DocumentedRoutes,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const error = this.methodNotAllowed(exception, request, response) ?? toGatewayError(exception);
    const requestId = requestIdOf(request, response);
    if (error.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      // What actually failed: a GatewayError mapped from another error carries it as its cause.
      const cause =
        exception instanceof GatewayError && exception.cause !== undefined ? exception.cause : exception;
      this.logger.error({ err: cause, requestId, code: error.code }, 'request failed');
    }
    if (error.status === HttpStatus.UNAUTHORIZED) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="continual-improvement"');
    }
    const body: ErrorBody = { code: error.code, message: error.message, details: error.details, requestId };
    response.status(error.status).json(body);
  }

  /** No route took the request, but its path is a route's: 405 with the methods it answers. */
  private methodNotAllowed(exception: unknown, request: Request, response: Response): GatewayError | null {
    if (!(exception instanceof NotFoundException)) return null;
    const methods = this.routes?.allowedMethods(request.path);
    if (!methods || methods.includes(request.method)) return null;
    response.setHeader('Allow', methods.join(', '));
    return new GatewayError(
      HttpStatus.METHOD_NOT_ALLOWED,
      'METHOD_NOT_ALLOWED',
      `${request.method} is not allowed on ${request.path}; it answers ${methods.join(', ')}`,
      [{ field: 'method', message: `use one of ${methods.join(', ')}` }],
    );
  }
}
