import { AppConfig } from '@joinedup/config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ProvisionedDatabase {
  /** The configuration with the connection settings of the database in use. */
  config: AppConfig;
  /** True on the first start of an embedded database (its data folder was just made). */
  created: boolean;
  /** Stops an embedded server this process started; nothing otherwise. */
  release(): Promise<void>;
}

/**
 * The database a process should use: the server named by DATABASE_URL, or (without it)
 * an embedded PostgreSQL in `config.embeddedDataDir`, started or joined here.
 */
export async function provisionDatabase(config: AppConfig, log: (message: string) => void): Promise<ProvisionedDatabase> {
  if (!config.embeddedDataDir) {
    return { config, created: false, release: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(config.embeddedDataDir, log);
  return {
    config: { ...config, databaseUrl: embedded.databaseUrl, databaseMigrationUrl: embedded.databaseMigrationUrl },
    created: embedded.created,
    release: () => embedded.stop(),
  };
}
