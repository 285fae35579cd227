import { AsyncLocalStorage } from 'node:async_hooks';

/** Who the work is done for; set from a verified token or a job's payload. */
export interface TenantScope {
  tenantId: string;
  userId?: string | null;
  organisationId?: string | null;
}

/** A transaction opened for one request or one job. */
export interface OpenTransaction<M = unknown> {
  manager: M;
  /** Commits when `ok`, rolls back otherwise; safe to call more than once. */
  finish(ok: boolean): Promise<void>;
}

/**
 * The one transaction of a request or job (see OperationTransaction in the database
 * library): opened by the guard's session check or its first statement, ended once by
 * whoever began it.
 */
export interface UnitOfWork {
  /** True once opened (it then holds a pooled connection). */
  readonly opened: boolean;
  query<T>(sql: string, parameters?: unknown[], options?: QueryOptions): Promise<T[]>;
  finish(ok: boolean): Promise<void>;
}

/** What one request (or job) carries through its async calls. */
export interface RequestStore {
  requestId: string;
  scope?: TenantScope;
  unitOfWork?: UnitOfWork;
}

const storage = new AsyncLocalStorage<RequestStore>();

export const requestContext = {
  run<T>(store: RequestStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestStore | undefined {
    return storage.getStore();
  },
};

export interface QueryOptions {
  /**
   * Keep the statement prepared on its connection (named after its text), so that a
   * statement run again and again is planned once: for large statements whose planning
   * costs more than running them on a small tenant (the governance scan).
   */
  prepared?: boolean;
}
