import './test-env';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@joinedup/config';
import { ensureDatabase, provisionDatabase, runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';

/**
 * Once per run: provides the database (the one named by DATABASE_URL, or an embedded
 * PostgreSQL started here), creates and migrates it. The test processes are started
 * after this and inherit its connection settings.
 */
export default async function globalSetup(): Promise<void> {
  // Names this run in the queue prefixes its tests make (queue-prefix.ts), for the teardown.
  process.env.JOINEDUP_TEST_RUN ??= randomUUID().slice(0, 8);
  const database = await provisionDatabase(loadConfig(), () => undefined);
  const { config } = database;
  process.env.DATABASE_URL = config.databaseUrl;
  process.env.DATABASE_MIGRATION_URL = config.databaseMigrationUrl;
  (globalThis as { releaseTestDatabase?: () => Promise<void> }).releaseTestDatabase = database.release;
  await ensureDatabase(config.databaseMigrationUrl);
  await runMigrations(config, allMigrations);
}
