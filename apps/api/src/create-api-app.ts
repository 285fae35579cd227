import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DestinationStream } from 'pino';
import { AppConfig } from '@joinedup/config';
import { inputValidationPipe, textInputPipe } from '@joinedup/graphql-kit';
import { Draining } from '@joinedup/health';
import { AppLogger, createLogger } from '@joinedup/logging';
import { ApiModule } from './api.module';
import { ExpressAdapterWithPrototypes } from './express-adapter';
import { mountWebPages } from '@joinedup/web';
import { applyHttpLimits } from './http-limits';

export interface ApiAppOptions {
  /** Where the log lines go (stdout when omitted); tests read the log through it. */
  logDestination?: DestinationStream;
}

/** The API application, configured but not yet listening (used by main and the tests). */
export async function createApiApp(
  config: AppConfig,
  { logDestination }: ApiAppOptions = {},
): Promise<{ app: INestApplication; logger: AppLogger }> {
  const logger = new AppLogger(
    createLogger({
      level: config.logLevel,
      pretty: config.nodeEnv === 'development' && !logDestination,
      service: 'api',
      destination: logDestination,
    }),
  );
  // The body parser is set up by applyHttpLimits, with its size limit.
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), new ExpressAdapterWithPrototypes(), {
    logger,
    bufferLogs: true,
    bodyParser: false,
  });
  applyHttpLimits(app, config);
  // Draining (SIGTERM): every answer asks its client to close the connection, so kept-alive
  // connections end after their request instead of being cut when the server stops listening.
  const draining = app.get(Draining);
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (draining.active) res.setHeader('connection', 'close');
    next();
  });
  // Which proxies may say who the client is: sign-in limits count failures per client address.
  app.getHttpAdapter().getInstance().set('trust proxy', config.trustProxy);
  // GraphQL answers POSTs, which no cache revalidates: Express would hash every response for nothing.
  app.getHttpAdapter().getInstance().set('etag', false);
  // Text first: a NUL or lone surrogate is named as such, whatever else the field checks.
  // The web pages share the app and its port; their routes come before Nest's.
  mountWebPages(app, config);
  app.useGlobalPipes(textInputPipe(), inputValidationPipe());
  return { app, logger };
}

