import { AppConfig, loadConfig } from '@joinedup/config';
import { DataSource } from 'typeorm';
import { openDataSource, provisionDatabase } from '@joinedup/database';

/** `--name value` pairs of a command line (also `--name=value`). */
export function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags[arg.slice(2)] = argv[++i];
    else flags[arg.slice(2)] = 'true';
  }
  return flags;
}

/** Runs a command-line entry: prints a clear message and exits non-zero on failure. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(1);
    },
  );
}

/**
 * Runs `work` with the configuration of the database in use: the server of DATABASE_URL,
 * or the embedded PostgreSQL (joined when `npm start` runs it, else started for `work`).
 */
export async function withDatabase<T>(work: (config: AppConfig) => Promise<T>): Promise<T> {
  const database = await provisionDatabase(loadConfig(), (line) => process.stderr.write(`${line}\n`));
  try {
    return await work(database.config);
  } finally {
    await database.release();
  }
}

/** Runs `work` with a connection as the owner role (tenants are created as the owner). */
export function withOwner<T>(work: (owner: DataSource) => Promise<T>): Promise<T> {
  return withDatabase(async (config) => {
    const owner = await openDataSource({ url: config.databaseMigrationUrl, applicationName: 'joinedup-cli', poolSize: 1 });
    try {
      return await work(owner);
    } finally {
      await owner.destroy();
    }
  });
}
