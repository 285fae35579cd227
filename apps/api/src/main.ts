import 'reflect-metadata';
import { loadConfig } from '@joinedup/config';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const { app, logger } = await createApiApp(config);
  await app.listen(config.port);
  logger.log(`JoinedUp API listening at http://127.0.0.1:${config.port}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`JoinedUp API could not start: ${error.message}\n`);
  process.exit(1);
});
