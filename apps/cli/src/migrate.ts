import 'reflect-metadata';
import { loadConfig } from '@joinedup/config';
import { ensureDatabase, runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';
import { runCli } from './cli-args';

/** npm run db:migrate — creates the database if missing, then applies pending migrations. */
runCli('db:migrate', async () => {
  const config = loadConfig();
  if (await ensureDatabase(config.databaseMigrationUrl)) process.stdout.write('Created the database\n');
  const applied = await runMigrations(config, allMigrations);
  process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The schema is up to date\n');
});
