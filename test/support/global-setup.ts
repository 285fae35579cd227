import './test-env';
import { loadConfig } from '@joinedup/config';
import { ensureDatabase, runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';

/** Creates the test database if needed and migrates it, once per run. */
export default async function globalSetup(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.databaseMigrationUrl);
  await runMigrations(config.databaseMigrationUrl, allMigrations);
}
