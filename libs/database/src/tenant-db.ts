import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OpenTransaction, RequestStore, TenantScope, requestContext } from '@joinedup/context';
import { openTenantTransaction } from './tenant-transaction';

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

export const DATA_SOURCE = Symbol('DATA_SOURCE');

/**
 * The only way domain code reaches tenant data: every query runs inside the current
 * request's (or job's) transaction, with the tenant set for row-level security.
 */
@Injectable()
export class TenantDb {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** The manager of the current request's transaction, opened at its first use. */
  private async manager(): Promise<EntityManager> {
    const store = requestContext.current();
    if (!store?.scope) {
      throw new Error('Tenant data was accessed outside a tenant scope');
    }
    store.transaction ??= openTenantTransaction(this.dataSource, store.scope);
    const transaction = (await store.transaction) as OpenTransaction<EntityManager>;
    return transaction.manager;
  }

  /** Rows of one statement in the current request's transaction (also for UPDATE … RETURNING). */
  async query<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return queryRows<T>(await this.manager(), sql, parameters);
  }

  /**
   * Runs `work` in a transaction of its own for `scope`, committed when it returns and
   * rolled back when it throws. For jobs, command-line tools, and records that must
   * survive the failure of the request that writes them (failed sign-ins).
   */
  async run<T>(scope: TenantScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const parent = requestContext.current();
    const transaction = await openTenantTransaction(this.dataSource, scope);
    const store: RequestStore = {
      requestId: parent?.requestId ?? randomUUID(),
      scope,
      transaction: Promise.resolve(transaction),
    };
    try {
      const result = await requestContext.run(store, () => work(transaction.manager));
      await transaction.finish(true);
      return result;
    } catch (error) {
      await transaction.finish(false);
      throw error;
    }
  }

  /** Ends the current request's transaction, if one was opened. */
  static async finishRequest(store: RequestStore, ok: boolean): Promise<void> {
    if (!store.transaction) return;
    const transaction = await store.transaction.catch(() => undefined);
    await transaction?.finish(ok);
  }

  /**
   * Calls a SECURITY DEFINER function that is safe without a tenant (such as resolving a
   * tenant slug at sign-in). Tenant tables read as empty on this connection.
   */
  async queryWithoutTenant<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }
}
