import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { QueryOptions, RequestStore, TenantScope, requestContext } from '@joinedup/context';
import { OperationTransaction } from './operation-transaction';
import { SessionCaller, SessionIds } from './tenant-transaction';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

/**
 * The only way domain code reaches tenant data: every statement runs in the current
 * request's (or job's) one transaction, with the tenant set for row-level security.
 *
 * A request holds at most one pooled connection at a time: its transaction's, from the
 * guard's session check (or its first statement) until the GraphQL operation plugin ends
 * it. Whatever would need a second connection meanwhile (`run`, `queryWithoutTenant`) is
 * refused as a programming error.
 */
@Injectable()
export class TenantDb {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Begins the unit of work of one GraphQL operation: its transaction is opened by the
   * guard's session check (`openForSession`), or else at the first statement under the
   * scope the guard has set on `store` by then, and must be ended by the caller with
   * `finish`. Statements run only under the scope on `store`, and stop at the request's deadline.
   */
  beginOperation(store: RequestStore): OperationTransaction {
    const operation = new OperationTransaction(this.dataSource, () => store.scope, Date.now() + this.config.requestTimeoutMs);
    store.unitOfWork = operation;
    return operation;
  }

  /**
   * The operation of `store` begun and not yet ended (a query the compiled-read middleware
   * could not answer hands its operation on to GraphQL execution: the same transaction,
   * session check and deadline), or else a new one as `beginOperation`.
   */
  continueOperation(store: RequestStore): OperationTransaction {
    const begun = store.unitOfWork;
    return begun instanceof OperationTransaction && !begun.hasEnded ? begun : this.beginOperation(store);
  }

  /** Rows of one statement in the current request's transaction (also for UPDATE … RETURNING). */
  async query<T>(sql: string, parameters: unknown[] = [], options: QueryOptions = {}): Promise<T[]> {
    const unitOfWork = requestContext.current()?.unitOfWork;
    if (!unitOfWork) throw new Error('Tenant data was accessed outside a request or job');
    return unitOfWork.query<T>(sql, parameters, options);
  }

  /**
   * Opens the current GraphQL operation's transaction with the check of the caller's
   * session in the same statement, one round trip for both: the caller when the session
   * is live and its user active (the transaction then scoped to them), undefined
   * otherwise (the transaction then has no tenant until the operation ends and rolls it
   * back). The guard sets `store.scope` to match.
   */
  async openForSession(session: SessionIds): Promise<SessionCaller | undefined> {
    const unitOfWork = requestContext.current()?.unitOfWork;
    if (!(unitOfWork instanceof OperationTransaction)) throw new Error('A session was checked outside a GraphQL operation');
    return unitOfWork.openForSession(session);
  }

  /** After a failed statement of the current operation: rolls its transaction back, and the next statement opens a new one. */
  async rollBackAfterFailure(): Promise<void> {
    const unitOfWork = requestContext.current()?.unitOfWork;
    if (!(unitOfWork instanceof OperationTransaction)) throw new Error('A failed statement was rolled back outside an operation');
    await unitOfWork.rollBackAfterFailure();
  }

  /** Whether the current request already holds its transaction's connection. */
  holdsConnection(): boolean {
    return requestContext.current()?.unitOfWork?.opened ?? false;
  }

  /**
   * Runs `work` in a transaction of its own for `scope` (its `query` calls use it),
   * committed when `work` returns and rolled back when it throws. For jobs, command-line
   * tools, and the sign-in steps that must be committed even when the sign-in is refused.
   */
  async run<T>(scope: TenantScope, work: () => Promise<T>): Promise<T> {
    this.refuseSecondConnection();
    const parent = requestContext.current();
    const unitOfWork = new OperationTransaction(this.dataSource, () => scope, null);
    const store: RequestStore = { requestId: parent?.requestId ?? randomUUID(), scope, unitOfWork };
    try {
      const result = await requestContext.run(store, work);
      await unitOfWork.finish(true);
      return result;
    } catch (error) {
      await unitOfWork.finish(false);
      throw error;
    }
  }

  /**
   * One statement outside any transaction, for SECURITY DEFINER functions that are safe
   * without a tenant (resolving a tenant slug, the sign-in throttles, the session check
   * of an operation that does slow work before its first statement).
   */
  async queryWithoutTenant<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    this.refuseSecondConnection();
    return this.dataSource.query(sql, parameters);
  }

  private refuseSecondConnection(): void {
    if (this.holdsConnection()) {
      throw new Error('A second database connection was asked for while this request holds one');
    }
  }
}
