import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@joinedup/config';
import { AppLogger, createLogger } from '@joinedup/logging';
import { WorkerModule } from './worker.module';

/** The worker: no HTTP, only queues; closes its workers and connections on SIGTERM. */
export async function createWorkerApp(config: AppConfig): Promise<{ app: INestApplicationContext; logger: AppLogger }> {
  const logger = new AppLogger(
    createLogger({ level: config.logLevel, pretty: config.nodeEnv === 'development', service: 'worker' }),
  );
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger, bufferLogs: true });
  app.enableShutdownHooks();
  return { app, logger };
}
