import 'reflect-metadata';
import { revertLastMigration } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';
import { runCli, withDatabase } from './cli-args';

/** npm run db:revert — reverts the most recent migration. */
runCli('db:revert', () =>
  withDatabase(async (config) => {
    await revertLastMigration(config, allMigrations);
    process.stdout.write('Reverted the last migration\n');
  }),
);
