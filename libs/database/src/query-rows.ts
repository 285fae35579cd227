import { EntityManager } from 'typeorm';

/** The last statement sent on each transaction's connection. */
const pending = new WeakMap<object, Promise<unknown>>();

/**
 * Rows of one statement on a transaction-bound manager, whatever its command. Statements
 * of one transaction are sent one after another (one connection runs one at a time), so
 * resolvers and DataLoaders may call this concurrently.
 */
export async function queryRows<T>(manager: EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('queryRows needs a manager bound to a transaction');
  const previous = pending.get(runner) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => runner.query(sql, parameters, true));
  pending.set(runner, current);
  const result = await current;
  return result.records as T[];
}
