import { DataSource, EntityManager } from 'typeorm';
import { OpenTransaction, TenantScope } from '@joinedup/context';

export interface TenantTransactionOptions {
  /**
   * Bounds every statement of the transaction, and the time it may sit idle holding its
   * connection (PostgreSQL ends the session then), so no request keeps a connection for minutes.
   */
  timeoutMs?: number;
}

/** A UUID as PostgreSQL reads it: the only shape a scope's ids may have. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id of the scope written into SQL: checked to be a UUID (or none, read as ''), never quoted text. */
function idLiteral(id: string | null | undefined): string {
  if (!id) return "''";
  if (!UUID.test(id)) throw new Error('A tenant scope holds an id that is not a UUID');
  return `'${id}'`;
}

/**
 * The statement that opens a tenant transaction: BEGIN and the settings for row-level
 * security in one simple-protocol query string, so one round trip instead of two. Simple
 * protocol takes no bind parameters, so the values are written in: UUIDs checked above
 * and a whole number of milliseconds, nothing a caller could shape into SQL.
 */
export function openingStatement(scope: TenantScope, timeoutMs?: number): string {
  const settings = [
    `set_config('app.tenant_id', ${idLiteral(scope.tenantId)}, true)`,
    `set_config('app.user_id', ${idLiteral(scope.userId)}, true)`,
    `set_config('app.organisation_id', ${idLiteral(scope.organisationId)}, true)`,
  ];
  if (timeoutMs) {
    const timeout = `'${Math.max(1, Math.ceil(timeoutMs))}'`;
    settings.push(`set_config('statement_timeout', ${timeout}, true)`, `set_config('idle_in_transaction_session_timeout', ${timeout}, true)`);
  }
  return `begin; select ${settings.join(', ')}`;
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
  const opening = openingStatement(scope, options.timeoutMs);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(opening);
  } catch (error) {
    await runner.query('rollback').catch(() => undefined);
    await runner.release();
    throw error;
  }

  let finished: Promise<void> | undefined;
  return {
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
}
