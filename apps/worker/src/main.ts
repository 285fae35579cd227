import 'reflect-metadata';
import { loadConfig } from '@joinedup/config';
import { provisionDatabase } from '@joinedup/database';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  // Without DATABASE_URL this joins the embedded PostgreSQL of `npm start` (or starts it).
  const { config } = await provisionDatabase(loadConfig(), (line) => process.stdout.write(`${line}\n`));
  const { app, logger } = await createWorkerApp(config);
  await app.init();
  logger.log('JoinedUp worker running', 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`JoinedUp worker could not start: ${error.message}\n`);
  process.exit(1);
});
