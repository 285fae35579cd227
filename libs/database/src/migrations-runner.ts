import { Client } from 'pg';
import { MigrationInterface } from 'typeorm';
import { AppConfig, applicationRole, databaseName } from '@joinedup/config';
import { openDataSource } from './data-source';

type MigrationClass = new () => MigrationInterface;

/** Creates the database of `url` when it does not exist yet (needs CREATEDB on the owner). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** What migrations need: the connections, and the key of the webhook secrets they encrypt or decrypt. */
type DatabaseUrls = Pick<AppConfig, 'databaseUrl' | 'databaseMigrationUrl'> & { webhooks?: Pick<AppConfig['webhooks'], 'secretKey'> };

/**
 * Applies every pending migration as the owner, each in its own transaction; returns
 * their names. The application's login role (from DATABASE_URL) is handed to the
 * migrations in session settings, so they need no configuration of their own.
 */
export async function runMigrations(urls: DatabaseUrls, migrations: MigrationClass[]): Promise<string[]> {
  const dataSource = await openMigrationSource(urls, migrations);
  try {
    const login = applicationRole(urls);
    await dataSource.query(
      `select set_config('joinedup.app_login', $1, false), set_config('joinedup.app_password', $2, false)`,
      [login.name, login.password],
    );
    await handOverWebhookKey(dataSource, urls);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the most recently applied migration. */
export async function revertLastMigration(urls: DatabaseUrls, migrations: MigrationClass[]): Promise<void> {
  const dataSource = await openMigrationSource(urls, migrations);
  try {
    await handOverWebhookKey(dataSource, urls);
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** The key of the webhook secrets, for the migration that encrypts them (and its revert). */
async function handOverWebhookKey(dataSource: { query(sql: string, params: unknown[]): Promise<unknown> }, urls: DatabaseUrls): Promise<void> {
  if (!urls.webhooks?.secretKey) return;
  await dataSource.query(`select set_config('joinedup.webhook_secret_key', $1, false)`, [urls.webhooks.secretKey.toString('base64')]);
}

/** One connection as the owner: the session settings above must reach every migration. */
function openMigrationSource(urls: DatabaseUrls, migrations: MigrationClass[]) {
  return openDataSource({ url: urls.databaseMigrationUrl, migrations, applicationName: 'joinedup-migrate', poolSize: 1 });
}
