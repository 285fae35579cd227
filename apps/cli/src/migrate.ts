import 'reflect-metadata';
import { ensureDatabase, runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';
import { runCli, withDatabase } from './cli-args';

/** npm run db:migrate — creates the database if missing, then applies pending migrations. */
runCli('db:migrate', () =>
  withDatabase(async (config) => {
    if (await ensureDatabase(config.databaseMigrationUrl)) process.stdout.write('Created the database\n');
    const applied = await runMigrations(config, allMigrations);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The schema is up to date\n');
  }),
);
