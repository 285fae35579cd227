import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { loadConfig } from '@joinedup/config';
import { provisionDatabase } from '@joinedup/database';
import { createApiApp } from './create-api-app';
import { stopOnSignals } from './stop-on-signals';

async function bootstrap(): Promise<void> {
  // Without DATABASE_URL this joins the embedded PostgreSQL of `npm start` (or starts it).
  const { config } = await provisionDatabase(loadConfig(), (line) => process.stdout.write(`${line}\n`));
  // Under load most of what a request allocates dies young, but enough survives a few
  // collections to fill the old generation; by default V8 lets that grow to about four
  // times what is live before collecting it. A smaller factor keeps the process near
  // what it holds for a major collection every few seconds (V8 reads it at each one).
  if (config.heapGrowthPercent) setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
  const { app, logger } = await createApiApp(config);
  stopOnSignals(app);
  await app.listen(config.port, config.host);
  // The address the socket really has, not the one asked for.
  const { address, family, port } = app.getHttpServer().address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  logger.log(`JoinedUp API listening at http://${host}:${port}/graphql, web pages at http://${host}:${port}/`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`JoinedUp API could not start: ${error.message}\n`);
  process.exit(1);
});
