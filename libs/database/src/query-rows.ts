import { createHash } from 'node:crypto';
import { PoolClient } from 'pg';
import { EntityManager, QueryRunner } from 'typeorm';
import { QueryOptions } from '@joinedup/context';

/** The last statement sent on each transaction's connection. */
const pending = new WeakMap<object, Promise<unknown>>();

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
  pending.set(runner, current);
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
  const name = `ju_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  return (await client.query({ name, text: sql, values: parameters })).rows;
}
