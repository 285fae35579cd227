import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { loadConfig } from '@joinedup/config';
import { provisionDatabase } from '@joinedup/database';
import { createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  // Without DATABASE_URL this joins the embedded PostgreSQL of `npm start` (or starts it).
  const { config } = await provisionDatabase(loadConfig(), (line) => process.stdout.write(`${line}\n`));
  const { app, logger } = await createApiApp(config);
  await app.listen(config.port, config.host);
  // The address the socket really has, not the one asked for.
  const { address, family, port } = app.getHttpServer().address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  logger.log(`JoinedUp API listening at http://${host}:${port}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`JoinedUp API could not start: ${error.message}\n`);
  process.exit(1);
});
