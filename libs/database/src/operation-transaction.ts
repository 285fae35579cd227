import { DataSource, EntityManager } from 'typeorm';
import { OpenTransaction, QueryOptions, TenantScope, UnitOfWork } from '@joinedup/context';
import { AppError } from '@joinedup/errors';
import { sqlState } from './postgres-errors';
import { queryRows } from './query-rows';
import { openTenantTransaction } from './tenant-transaction';

/** PostgreSQL's query_canceled: here, statement_timeout ran out. */
const QUERY_CANCELED = '57014';

export const requestTimedOut = (): AppError =>
  new AppError(
    'REQUEST_TIMEOUT',
    'This request took too long and was stopped; nothing it changed was saved. Ask for fewer records at once, or try again.',
  );

/**
 * The one transaction of a GraphQL operation or a job. Its owner creates it and ends it
 * (`finish`); in between it is opened by the first statement, under the scope the caller
 * was authenticated for by then, and every statement runs on its one connection. With a
 * deadline, no statement starts after it and none may run past it.
 */
export class OperationTransaction implements UnitOfWork {
  private transaction?: Promise<OpenTransaction<EntityManager>>;
  private ended = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scopeOf: () => TenantScope | undefined,
    /** Epoch milliseconds, or null for work without a time limit (jobs, tools). */
    private readonly deadline: number | null,
  ) {}

  get opened(): boolean {
    return this.transaction !== undefined;
  }

  async query<T>(sql: string, parameters: unknown[] = [], options: QueryOptions = {}): Promise<T[]> {
    const manager = await this.manager();
    if (this.deadline !== null && Date.now() >= this.deadline) throw requestTimedOut();
    try {
      return await queryRows<T>(manager, sql, parameters, options);
    } catch (error) {
      throw sqlState(error) === QUERY_CANCELED && this.deadline !== null ? requestTimedOut() : error;
    }
  }

  /** Commits when `ok`, rolls back otherwise, and gives the connection back; once. */
  async finish(ok: boolean): Promise<void> {
    this.ended = true;
    const transaction = await this.transaction?.catch(() => undefined);
    await transaction?.finish(ok);
  }

  private async manager(): Promise<EntityManager> {
    if (this.ended) throw new Error('A statement was sent after its transaction had ended');
    if (!this.transaction) {
      const scope = this.scopeOf();
      if (!scope) throw new Error('Tenant data was accessed outside a tenant scope');
      const timeoutMs = this.deadline === null ? undefined : this.deadline - Date.now();
      if (timeoutMs !== undefined && timeoutMs <= 0) throw requestTimedOut();
      this.transaction = openTenantTransaction(this.dataSource, scope, { timeoutMs });
    }
    return (await this.transaction).manager;
  }
}
