import { DataSource, MixedList } from 'typeorm';
import { types } from 'pg';
import { StatementCounter } from './statement-counter';

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export interface DataSourceOptions {
  url: string;
  migrations?: MixedList<Function>;
  poolSize?: number;
  applicationName: string;
  onPoolError?: (error: Error) => void;
}

/** A TypeORM data source; the schema is never synchronised, only migrated. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (!options.url) throw new Error('No database to connect to: set DATABASE_URL, or start the embedded PostgreSQL first');
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    migrations: options.migrations ?? [],
    migrationsTableName: 'schema_migration',
    synchronize: false,
    logging: ['query'],
    logger: new StatementCounter(),
    migrationsRun: false,
    applicationName: options.applicationName,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  });
  await dataSource.initialize();
  // An idle client's error (PostgreSQL restarting) would otherwise crash the process.
  const pool = (dataSource.driver as unknown as { master: { on(event: 'error', fn: (e: Error) => void): void } }).master;
  pool.on('error', options.onPoolError ?? (() => undefined));
  return dataSource;
}
