import { DataSource, EntityManager } from 'typeorm';
import { OpenTransaction, TenantScope } from '@joinedup/context';
import { lastStatementRows } from './query-rows';

export interface TenantTransactionOptions {
  /**
   * Bounds every statement of the transaction, and the time it may sit idle holding its
   * connection (PostgreSQL ends the session then), so no request keeps a connection for minutes.
   */
  timeoutMs?: number;
  /** BEGIN READ ONLY: PostgreSQL refuses any write in it (the transaction of a GraphQL query). */
  readOnly?: boolean;
}

/** The ids of a signed-in caller's token: the session checked as the transaction opens. */
export interface SessionIds {
  tenantId: string;
  userId: string;
  sessionId: string;
}

/** The caller behind a live session (a row of open_authenticated_request). */
export interface SessionCaller {
  role: string;
  organisation_id: string | null;
}

/** A UUID as PostgreSQL reads it: the only shape a scope's ids may have. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id written into SQL: checked to be a UUID, never quoted text. */
function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error('A tenant scope holds an id that is not a UUID');
  return `'${id}'`;
}

/** An id of the scope written into SQL: a checked UUID, or none, read as ''. */
function idLiteral(id: string | null | undefined): string {
  return id ? uuidLiteral(id) : "''";
}

/** The settings that bound the transaction in time (none for work without a limit). */
function deadlineSettings(timeoutMs?: number): string[] {
  if (!timeoutMs) return [];
  const timeout = `'${Math.max(1, Math.ceil(timeoutMs))}'`;
  return [`set_config('statement_timeout', ${timeout}, true)`, `set_config('idle_in_transaction_session_timeout', ${timeout}, true)`];
}

/**
 * The statement that opens a tenant transaction for a known scope (jobs, tools): BEGIN
 * and the settings for row-level security in one simple-protocol query string, so one
 * round trip instead of two. Simple protocol takes no bind parameters, so the values are
 * written in: UUIDs checked above and a whole number of milliseconds, nothing a caller
 * could shape into SQL.
 */
export function openingStatement(scope: TenantScope, timeoutMs?: number, readOnly = false): string {
  const settings = [
    `set_config('app.tenant_id', ${idLiteral(scope.tenantId)}, true)`,
    `set_config('app.user_id', ${idLiteral(scope.userId)}, true)`,
    `set_config('app.organisation_id', ${idLiteral(scope.organisationId)}, true)`,
    ...deadlineSettings(timeoutMs),
  ];
  return `${begin(readOnly)}; select ${settings.join(', ')}`;
}

const begin = (readOnly: boolean) => (readOnly ? 'begin read only' : 'begin');

/**
 * The statement that opens a signed-in caller's transaction and checks its session, in
 * one query string (one round trip): BEGIN, the deadline (first, so it bounds the check
 * too), then open_authenticated_request, which sets the tenant, user and organisation
 * for row-level security and returns the caller when the session is live and its user
 * active, or no row and no tenant. Ids written in as checked UUIDs, as above.
 */
export function sessionOpeningStatement(session: SessionIds, timeoutMs?: number, readOnly = false): string {
  const deadline = deadlineSettings(timeoutMs);
  const ids = [session.tenantId, session.userId, session.sessionId].map(uuidLiteral).join(', ');
  return [
    begin(readOnly),
    ...(deadline.length ? [`select ${deadline.join(', ')}`] : []),
    `select role, organisation_id from open_authenticated_request(${ids})`,
  ].join('; ');
}

/**
 * Opens a transaction on its own connection and sets the tenant (and the acting user
 * and organisation) for row-level security, local to that transaction.
 *
 * BEGIN, COMMIT and ROLLBACK are sent as plain statements rather than through TypeORM's
 * startTransaction/commitTransaction (which would cost BEGIN its own round trip): the
 * runner never believes a transaction is active, so nothing may call its transaction
 * methods; only this function's `finish` ends the transaction, then releases the runner.
 */
export async function openTenantTransaction(
  dataSource: DataSource,
  scope: TenantScope,
  options: TenantTransactionOptions = {},
): Promise<OpenTransaction<EntityManager>> {
  return (await openWith(dataSource, openingStatement(scope, options.timeoutMs, options.readOnly))).transaction;
}

/**
 * Opens a signed-in caller's transaction as above, its scope set by the check of the
 * caller's session in the same statement: with the caller when the session is live;
 * without one otherwise, the transaction then open with no tenant (nothing tenant-scoped
 * readable) until its owner ends it.
 */
export async function openSessionTransaction(
  dataSource: DataSource,
  session: SessionIds,
  options: TenantTransactionOptions = {},
): Promise<OpenTransaction<EntityManager> & { caller?: SessionCaller }> {
  const { transaction, rows } = await openWith<SessionCaller>(dataSource, sessionOpeningStatement(session, options.timeoutMs, options.readOnly));
  return { ...transaction, caller: rows[0] };
}

/** Sends `opening` on a new connection; the transaction it began, and the rows of its last statement. */
async function openWith<T>(dataSource: DataSource, opening: string): Promise<{ transaction: OpenTransaction<EntityManager>; rows: T[] }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let rows: T[];
  try {
    rows = await lastStatementRows<T>(runner, opening);
  } catch (error) {
    await runner.query('rollback').catch(() => undefined);
    await runner.release();
    throw error;
  }

  let finished: Promise<void> | undefined;
  const transaction: OpenTransaction<EntityManager> = {
    manager: runner.manager,
    finish(ok: boolean) {
      finished ??= (async () => {
        try {
          await runner.query(ok ? 'commit' : 'rollback');
        } finally {
          await runner.release();
        }
      })();
      return finished;
    },
  };
  return { transaction, rows };
}
