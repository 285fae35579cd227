import 'reflect-metadata';
import { loadConfig } from '@joinedup/config';
import { revertLastMigration } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';
import { runCli } from './cli-args';

/** npm run db:revert — reverts the most recent migration. */
runCli('db:revert', async () => {
  await revertLastMigration(loadConfig(), allMigrations);
  process.stdout.write('Reverted the last migration\n');
});
