import { DataSource, EntityManager } from 'typeorm';
import { OpenTransaction, QueryOptions, TenantScope, UnitOfWork } from '@joinedup/context';
import { AppError } from '@joinedup/errors';
import { sqlState } from './postgres-errors';
import { queryRows } from './query-rows';
import { SessionCaller, SessionIds, openSessionTransaction, openTenantTransaction } from './tenant-transaction';

/** PostgreSQL's query_canceled: here, statement_timeout ran out. */
const QUERY_CANCELED = '57014';

export const requestTimedOut = (): AppError =>
  new AppError(
    'REQUEST_TIMEOUT',
    'This request took too long and was stopped; nothing it changed was saved. Ask for fewer records at once, or try again.',
  );

/**
 * The one transaction of a GraphQL operation or a job. Its owner creates it and ends it
 * (`finish`); in between it is opened either by the check of the caller's session
 * (`openForSession`, the guard of a signed-in GraphQL operation), which sets its scope in
 * the same statement, or by its first statement under a known scope (jobs, tools, and
 * operations whose session was checked apart). Every statement runs on its one
 * connection, and only while the scope is known: never after a refused session check.
 * With a deadline, no statement starts after it and none may run past it.
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

  /** A GraphQL query's: opened READ ONLY, so nothing it does needs its COMMIT to be seen. */
  private readOnly = false;

  /** Opens the transaction READ ONLY (before it opens). */
  markReadOnly(): void {
    if (this.readOnly) return;
    if (this.transaction) throw new Error('A transaction was marked read-only after it had opened');
    this.readOnly = true;
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  /** Whether `finish` has been called. */
  get hasEnded(): boolean {
    return this.ended;
  }

  get opened(): boolean {
    return this.transaction !== undefined;
  }

  /**
   * Opens the transaction with the check of the caller's session in the same statement
   * (one round trip): the caller when the session is live and its user active, with the
   * tenant, user and organisation set for row-level security; undefined otherwise, the
   * transaction then holding its connection with no tenant until `finish` rolls it back.
   * Comes before any other statement of the operation.
   */
  async openForSession(session: SessionIds): Promise<SessionCaller | undefined> {
    if (this.ended) throw new Error('A session was checked after its transaction had ended');
    if (this.transaction) throw new Error("A session was checked after the operation's transaction had opened");
    const opening = openSessionTransaction(this.dataSource, session, { timeoutMs: this.timeLeft(), readOnly: this.readOnly });
    this.transaction = opening;
    try {
      return (await opening).caller;
    } catch (error) {
      throw sqlState(error) === QUERY_CANCELED && this.deadline !== null ? requestTimedOut() : error;
    }
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

  /**
   * Rolls back the transaction a failed statement left aborted (PostgreSQL would refuse
   * every further statement in it) and gives its connection back, so that the operation's
   * next statement opens a new one under the same scope, within the same deadline. For a
   * step that may fail and be answered another way (the one-statement read).
   */
  async rollBackAfterFailure(): Promise<void> {
    const transaction = await this.transaction?.catch(() => undefined);
    this.transaction = undefined;
    // A connection that failed its ROLLBACK (lost) is released all the same.
    await transaction?.finish(false).catch(() => undefined);
  }

  /** Commits when `ok`, rolls back otherwise, and gives the connection back; once. */
  async finish(ok: boolean): Promise<void> {
    this.ended = true;
    const transaction = await this.transaction?.catch(() => undefined);
    await transaction?.finish(ok);
  }

  private async manager(): Promise<EntityManager> {
    if (this.ended) throw new Error('A statement was sent after its transaction had ended');
    // Also once open: after a refused session check the transaction has no tenant, and
    // nothing may run in it.
    const scope = this.scopeOf();
    if (!scope) throw new Error('Tenant data was accessed outside a tenant scope');
    this.transaction ??= openTenantTransaction(this.dataSource, scope, { timeoutMs: this.timeLeft(), readOnly: this.readOnly });
    return (await this.transaction).manager;
  }

  /** What is left of the deadline in milliseconds (undefined without one); past it, REQUEST_TIMEOUT. */
  private timeLeft(): number | undefined {
    if (this.deadline === null) return undefined;
    const timeoutMs = this.deadline - Date.now();
    if (timeoutMs <= 0) throw requestTimedOut();
    return timeoutMs;
  }
}
