import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DestinationStream } from 'pino';
import { AppConfig } from '@joinedup/config';
import { AppLogger, createLogger } from '@joinedup/logging';
import { WorkerModule } from './worker.module';

export interface WorkerAppOptions {
  /** Where the log lines go (stdout when omitted); tests read the log through it. */
  logDestination?: DestinationStream;
}

/** The worker: no HTTP, only queues; closes its workers and connections on SIGTERM. */
export async function createWorkerApp(
  config: AppConfig,
  { logDestination }: WorkerAppOptions = {},
): Promise<{ app: INestApplicationContext; logger: AppLogger }> {
  const logger = new AppLogger(
    createLogger({
      level: config.logLevel,
      pretty: config.nodeEnv === 'development' && !logDestination,
      service: 'worker',
      destination: logDestination,
    }),
  );
  // No bufferLogs: an application context keeps buffered lines until it is told to flush
  // them, so a worker waiting for its queue store said nothing at all. The logger is set
  // from the start, so there is nothing to buffer for.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  app.enableShutdownHooks();
  return { app, logger };
}
