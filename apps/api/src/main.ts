import 'reflect-metadata';
import { loadConfig } from '@joinedup/config';
import { provisionDatabase } from '@joinedup/database';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  // Without DATABASE_URL this joins the embedded PostgreSQL of `npm start` (or starts it).
  const { config } = await provisionDatabase(loadConfig(), (line) => process.stdout.write(`${line}\n`));
  const { app, logger } = await createApiApp(config);
  await app.listen(config.port);
  logger.log(`JoinedUp API listening at http://127.0.0.1:${config.port}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`JoinedUp API could not start: ${error.message}\n`);
  process.exit(1);
});
