import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig, Logger } from '@cio/config';
import { AppModule } from './app.module';

/** Builds the gateway application (shared by main.ts and the HTTP tests). */
export async function createGatewayApp(config: AppConfig, logger?: Logger): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forConfig(config), {
    logger: logger ? ['error', 'warn'] : false,
    bodyParser: true,
  });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continual improvement orchestrator')
      .setDescription(
        'ITIL 4 continual improvement initiatives: create, plan, approve, implement, evaluate, sustain.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
