import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { databaseName, loadConfig } from '@joinedup/config';
import { ensureDatabase, runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';

export interface PrivateDatabase {
  /** Settings that point an app (ApiHarness.start, loadConfig) at this database. */
  env: { DATABASE_URL: string; DATABASE_MIGRATION_URL: string };
  drop(): Promise<void>;
}

/**
 * A freshly migrated database for one test file. For tests that run the outbox relay:
 * a relay serves every tenant of its database, so in the shared test database it would
 * take (and dispatch) the events of tests running in parallel, and theirs would take ours.
 */
export async function privateDatabase(label: string): Promise<PrivateDatabase> {
  const shared = loadConfig();
  const name = `${databaseName(shared.databaseUrl)}_${label}_${randomUUID().slice(0, 8)}`;
  const rename = (url: string) => {
    const parsed = new URL(url);
    parsed.pathname = `/${name}`;
    return parsed.toString();
  };
  const env = { DATABASE_URL: rename(shared.databaseUrl), DATABASE_MIGRATION_URL: rename(shared.databaseMigrationUrl) };
  await ensureDatabase(env.DATABASE_MIGRATION_URL);
  await oneAtATime(shared.databaseMigrationUrl, () => runMigrations({ databaseUrl: env.DATABASE_URL, databaseMigrationUrl: env.DATABASE_MIGRATION_URL, webhooks: shared.webhooks }, allMigrations));
  return {
    env,
    async drop() {
      const admin = new URL(shared.databaseMigrationUrl);
      admin.pathname = '/postgres';
      const client = new Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Runs `work` while holding an advisory lock of the shared test database. The first
 * migration alters the application's login role, which the whole cluster shares: two
 * test files migrating their databases at once fail with "tuple concurrently updated".
 */
async function oneAtATime<T>(sharedUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: sharedUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('joinedup-test-private-database'))`);
    return await work();
  } finally {
    await client.end();
  }
}
