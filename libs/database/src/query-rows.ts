import { createHash } from 'node:crypto';
import { PoolClient, QueryResult } from 'pg';
import { EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { QueryOptions } from '@joinedup/context';

/** The last statement sent on each transaction's connection (settled: when it is done). */
const pending = new WeakMap<object, Promise<void>>();
const ignore = () => undefined;

/**
 * Rows of one statement on a transaction-bound manager, whatever its command. Statements
 * of one transaction are sent one after another (one connection runs one at a time), so
 * resolvers and DataLoaders may call this concurrently.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
  options: QueryOptions = {},
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('queryRows needs a manager bound to a transaction');
  const previous = pending.get(runner) ?? Promise.resolve();
  const current = previous
    .catch(() => undefined)
    .then(async () => (options.prepared ? preparedRows(runner, sql, parameters) : (await runner.query(sql, parameters, true)).records));
  // Only the order is kept: holding the rows here would keep them for the whole request.
  const settled = current.then(ignore, ignore);
  pending.set(runner, settled);
  // Dropped once done: V8's young-generation collection keeps the values of a WeakMap whose
  // keys have died, so an entry left for its key's death would move each request's
  // promise (and all it reaches) to the old generation, collected only by a full GC.
  void settled.then(() => pending.get(runner) === settled && pending.delete(runner));
  return (await current) as T[];
}

/**
 * Runs a statement as a named prepared statement of its connection (pg prepares it on
 * first use and reuses it after), named after its text so that one name is one text.
 * TypeORM's query() has no named statements, so this speaks to its pg client.
 */
async function preparedRows(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<unknown[]> {
  const client = (runner as unknown as { databaseConnection?: PoolClient }).databaseConnection;
  if (!client) throw new Error('A prepared statement needs a connected query runner');
  // Logged (and counted) like any other statement, and a failure thrown as TypeORM's
  // QueryFailedError, as its query() would, so it is recognised the same way (postgres-errors).
  const logger = runner.connection.logger;
  logger.logQuery(sql, parameters, runner);
  try {
    return (await client.query({ name: preparedName(client, sql), text: sql, values: parameters })).rows;
  } catch (error) {
    logger.logQueryError(error instanceof Error ? error : String(error), sql, parameters, runner);
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}

/**
 * Statements prepared on each connection. Each holds a plan in its PostgreSQL backend for
 * the connection's life, and some texts follow the client's selection (JsonReads), so a
 * connection prepares at most MAX_PREPARED; beyond that a new text runs unnamed (planned
 * each time) rather than let a client grow the backends' memory without end.
 */
const preparedOn = new WeakMap<PoolClient, Set<string>>();
export const MAX_PREPARED = 200;

function preparedName(client: PoolClient, sql: string): string | undefined {
  let prepared = preparedOn.get(client);
  if (!prepared) preparedOn.set(client, (prepared = new Set()));
  const name = statementName(sql);
  if (prepared.has(name)) return name;
  if (prepared.size >= MAX_PREPARED) return undefined;
  prepared.add(name);
  return name;
}

const statementNames = new Map<string, string>();

/** A prepared statement's name: after its text, remembered for the texts used again and again. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `ju_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    // Bounded: the texts are the application's own, but a few depend on the selection.
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * The rows of the last statement of a simple-protocol query string that holds several
 * (no parameters): pg answers it with one result per statement, which TypeORM's query()
 * drops, so this speaks to its pg client. Logged (and counted) as one statement, and a
 * failure thrown as TypeORM's QueryFailedError, as its query() would.
 */
export async function lastStatementRows<T>(runner: QueryRunner, sql: string): Promise<T[]> {
  await runner.connect();
  const client = (runner as unknown as { databaseConnection?: PoolClient }).databaseConnection;
  if (!client) throw new Error('A query string needs a connected query runner');
  const logger = runner.connection.logger;
  logger.logQuery(sql, undefined, runner);
  try {
    const results = (await client.query(sql)) as QueryResult | QueryResult[];
    const last = Array.isArray(results) ? results[results.length - 1] : results;
    return (last?.rows ?? []) as T[];
  } catch (error) {
    logger.logQueryError(error instanceof Error ? error : String(error), sql, undefined, runner);
    throw new QueryFailedError(sql, undefined, error as Error);
  }
}
