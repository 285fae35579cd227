import 'reflect-metadata';
import { loadConfig } from '@joinedup/config';
import { createWorkerApp } from './create-worker-app';

async function bootstrap(): Promise<void> {
  const { app, logger } = await createWorkerApp(loadConfig());
  await app.init();
  logger.log('JoinedUp worker running', 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`JoinedUp worker could not start: ${error.message}\n`);
  process.exit(1);
});
