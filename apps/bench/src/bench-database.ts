import { Client } from 'pg';
import { AppConfig, loadConfig } from '@joinedup/config';
import { runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';
import { isBenchDatabaseName } from './bench-options';

/** The scan benchmark's own database on the configured server: made fresh, dropped at the end. */
export const BENCH_DATABASE = 'joinedup_bench_scan';

const serverNeeded = (database: string) => `the benchmark needs a PostgreSQL server, and DATABASE_URL is not set. Set both:
  DATABASE_URL=postgres://joinedup_app:joinedup_app@127.0.0.1:5432/joinedup            (the application role; no superuser, no BYPASSRLS)
  DATABASE_MIGRATION_URL=postgres://postgres@127.0.0.1:5432/joinedup                  (the owner; a superuser, to write every tenant's rows at once)
It creates, migrates and (unless --keep) drops its own database ${database} on that server;
the database named in the URLs is not touched.`;

/**
 * The configuration pointed at a benchmark's database (each benchmark has its own) on the
 * server of DATABASE_URL and DATABASE_MIGRATION_URL. No embedded fallback: a benchmark of
 * a throwaway server says nothing about the one the figures are wanted for.
 */
export function benchConfig(database = BENCH_DATABASE): AppConfig {
  const config = loadConfig();
  if (config.embeddedDataDir || !config.databaseUrl) throw new Error(serverNeeded(database));
  return {
    ...config,
    databaseUrl: onDatabase(config.databaseUrl, database),
    databaseMigrationUrl: onDatabase(config.databaseMigrationUrl, database),
  };
}

/** The benchmark database a configuration from benchConfig() points at. */
export function benchDatabaseOf(config: AppConfig): string {
  const database = decodeURIComponent(new URL(config.databaseMigrationUrl).pathname.slice(1));
  // It is written into DROP and CREATE DATABASE, which take no parameters; it is dropped
  // with force, so only names that say they are a benchmark's (joinedup_bench_…, …_bench).
  if (!isBenchDatabaseName(database)) throw new Error(`Not a benchmark database: ${database}`);
  return database;
}

/**
 * Drops any earlier benchmark database (a kept one too), creates it and applies every
 * migration. The owner must bypass row-level security: the generator writes every
 * tenant's rows in one statement per table, and the tables FORCE their policies.
 */
export async function createBenchDatabase(config: AppConfig): Promise<void> {
  await onServer(config, async (admin) => {
    const { rows } = await admin.query<{ bypasses: boolean; name: string }>(
      `select rolsuper or rolbypassrls as bypasses, rolname as name from pg_roles where rolname = current_user`,
    );
    if (!rows[0]?.bypasses) {
      throw new Error(
        `DATABASE_MIGRATION_URL connects as ${rows[0]?.name ?? 'an unknown role'}, which is subject to row-level security; ` +
          `the benchmark writes its data as a superuser (e.g. postgres://postgres@127.0.0.1:5432/joinedup)`,
      );
    }
    await admin.query(`drop database if exists ${benchDatabaseOf(config)} with (force)`);
    await admin.query(`create database ${benchDatabaseOf(config)}`);
  });
  await runMigrations(config, allMigrations);
}

/** Brings a kept benchmark database to this code's schema (its pending migrations), so a reused one reads as a new one would. */
export async function migrateBenchDatabase(config: AppConfig): Promise<void> {
  await runMigrations(config, allMigrations);
}

export async function dropBenchDatabase(config: AppConfig): Promise<void> {
  await onServer(config, (admin) => admin.query(`drop database if exists ${benchDatabaseOf(config)} with (force)`).then(() => undefined));
}

/** One session as the owner on the benchmark database, in UTC (the generator writes dates and times of day). */
export async function openOwner(config: AppConfig): Promise<Client> {
  const owner = new Client({ connectionString: config.databaseMigrationUrl, application_name: 'joinedup-bench' });
  await owner.connect();
  await owner.query(`set timezone = 'UTC'`);
  return owner;
}

/** The server the figures are of, for a report's heading. */
export async function describeServer(owner: Client, config: AppConfig): Promise<string> {
  const { rows } = await owner.query<{ version: string }>(`select current_setting('server_version') as version`);
  return `PostgreSQL ${rows[0].version} at ${new URL(config.databaseUrl).host}`;
}

function onDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(config: AppConfig, work: (admin: Client) => Promise<void>): Promise<void> {
  const url = new URL(config.databaseMigrationUrl);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString(), application_name: 'joinedup-bench' });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
