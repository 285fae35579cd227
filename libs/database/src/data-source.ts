import { DataSource, MixedList } from 'typeorm';
import { types } from 'pg';
import { StatementCounter } from './statement-counter';

// Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * Settings every connection starts with, sent with the connection request (no round trip
 * of their own), so that no default of the database, the role or the server changes how
 * values are read: dates and timestamps as ISO text (what pg's parsers and the `date`
 * strings above expect), intervals as pg parses them, and UTC.
 */
export const SESSION_SETTINGS = '-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c TimeZone=UTC';

/**
 * How long an idle connection is kept (pg's default is 10 s). A backend warms up as it
 * serves: its catalog caches, the plans of its prepared statements (planned once per
 * connection, after five custom plans), the session check's compiled function. A pool that
 * closes connections after 10 s quiet pays that again after every pause in traffic.
 */
export const IDLE_CONNECTION_MS = 5 * 60_000;

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
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: IDLE_CONNECTION_MS, options: SESSION_SETTINGS },
  });
  await dataSource.initialize();
  // An idle client's error (PostgreSQL restarting) would otherwise crash the process.
  const pool = (dataSource.driver as unknown as { master: { on(event: 'error', fn: (e: Error) => void): void } }).master;
  pool.on('error', options.onPoolError ?? (() => undefined));
  return dataSource;
}
