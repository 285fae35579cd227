import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@joinedup/config';
import { inputValidationPipe } from '@joinedup/graphql-kit';
import { AppLogger, createLogger } from '@joinedup/logging';
import { ApiModule } from './api.module';

/** The API application, configured but not yet listening (used by main and the tests). */
export async function createApiApp(config: AppConfig): Promise<{ app: INestApplication; logger: AppLogger }> {
  const logger = new AppLogger(
    createLogger({ level: config.logLevel, pretty: config.nodeEnv === 'development', service: 'api' }),
  );
  const app = await NestFactory.create(ApiModule.forRoot(config), { logger, bufferLogs: true });
  app.useGlobalPipes(inputValidationPipe());
  app.enableShutdownHooks();
  return { app, logger };
}
