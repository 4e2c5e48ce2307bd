import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import helmet from 'helmet';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { type AppConfig, createLogger, type Logger } from '@cio/config';
import { AppModule } from './app.module';
import { DocumentedRoutes } from './errors/documented-routes';
import { ErrorFilter } from './errors/error.filter';
import { GatewayError } from './errors/gateway-error';
import { SchemaValidationPipe } from './errors/schema-validation.pipe';
import { assignRequestId } from './infrastructure/request-id';
import { GatewayMetrics } from './metrics/http-metrics';
import { serveWebApp } from './web-app/serve-web-app';

/** Builds the gateway application (shared by main.ts and the HTTP tests). */
export async function createGatewayApp(config: AppConfig, logger?: Logger): Promise<INestApplication> {
  const log = logger ?? createLogger({ ...config, logLevel: 'silent' }, 'gateway');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, log), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  app.use(assignRequestId);
  app.use(app.get(GatewayMetrics).middleware);
  app.set('trust proxy', false);
  // Reads of 1 KB and more gzip-compressed when the client takes it (the web app's scripts, an
  // initiative with its history, a KPI's series). Writes are not: their answers are small, and a
  // command's round trip is a person waiting (the approval benchmark).
  app.use(
    compression({
      filter: (request, response) =>
        (request.method === 'GET' || request.method === 'HEAD') && compression.filter(request, response),
    }),
  );
  app.use(
    helmet({
      // Swagger UI at /docs needs its inline bootstrap script and styles.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.useBodyParser('json', { limit: config.gateway.bodyLimitBytes, strict: true });
  app.useGlobalPipes(new SchemaValidationPipe());
  const document = openApiDocument(app);
  const routes = new DocumentedRoutes(document);
  // Before any route: keys no route takes (prototype keys anywhere, undocumented query parameters).
  app.use((request: Request, _response: Response, next: NextFunction) => {
    const problems = routes.unknownKeys(request.method, request.path, request.body, request.query);
    const first = problems[0];
    next(first ? GatewayError.invalid(`${first.field}: ${first.message}`, problems) : undefined);
  });
  app.useGlobalFilters(new ErrorFilter(log, routes));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  serveWebApp(app, config);
  return app;
}

/** The API contract, as /openapi.json serves it (and apps/gateway/openapi.json commits it). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continual improvement orchestrator')
      .setDescription(
        'ITIL 4 continual improvement initiatives: create, plan, approve, implement, evaluate, sustain. ' +
          'Every route but health and the sign-in configuration needs a bearer JWT (claims: sub, roles, ' +
          'departments), from the OpenID provider or the configured secret. Errors share one body: ' +
          '{ code, message, details, requestId }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
}
