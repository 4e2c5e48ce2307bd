import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { type AppConfig, createLogger, type Logger } from '@cio/config';
import { AppModule } from './app.module';
import { AllowedMethods } from './errors/allowed-methods';
import { ErrorFilter } from './errors/error.filter';
import { SchemaValidationPipe } from './errors/schema-validation.pipe';
import { GatewayMetrics } from './metrics/http-metrics';

/** Builds the gateway application (shared by main.ts and the HTTP tests). */
export async function createGatewayApp(config: AppConfig, logger?: Logger): Promise<INestApplication> {
  const log = logger ?? createLogger({ ...config, logLevel: 'silent' }, 'gateway');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, log), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.enableShutdownHooks();
  app.use(app.get(GatewayMetrics).middleware);
  app.set('trust proxy', false);
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continual improvement orchestrator')
      .setDescription(
        'ITIL 4 continual improvement initiatives: create, plan, approve, implement, evaluate, sustain. ' +
          'Every route needs a bearer JWT (claims: sub, roles, departments). Errors share one body: ' +
          '{ code, message, details, requestId }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  app.useGlobalFilters(new ErrorFilter(log, new AllowedMethods(document)));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
