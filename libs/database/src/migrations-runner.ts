import { Client } from 'pg';
import { MigrationInterface } from 'typeorm';
import { databaseName } from '@joinedup/config';
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

/** Applies every pending migration, each in its own transaction; returns their names. */
export async function runMigrations(url: string, migrations: MigrationClass[]): Promise<string[]> {
  const dataSource = await openDataSource({ url, migrations, applicationName: 'joinedup-migrate', poolSize: 1 });
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the most recently applied migration. */
export async function revertLastMigration(url: string, migrations: MigrationClass[]): Promise<void> {
  const dataSource = await openDataSource({ url, migrations, applicationName: 'joinedup-migrate', poolSize: 1 });
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
