import { DataSource, EntityManager } from 'typeorm';
import { OpenTransaction, TenantScope } from '@joinedup/context';

export interface TenantTransactionOptions {
  /**
   * Bounds every statement of the transaction, and the time it may sit idle holding its
   * connection (PostgreSQL ends the session then), so no request keeps a connection for minutes.
   */
  timeoutMs?: number;
}

/**
 * Opens a transaction on its own connection and sets the tenant (and the acting user
 * and organisation) for row-level security, local to that transaction.
 */
export async function openTenantTransaction(
  dataSource: DataSource,
  scope: TenantScope,
  options: TenantTransactionOptions = {},
): Promise<OpenTransaction<EntityManager>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const timeout = options.timeoutMs ? String(Math.max(1, Math.ceil(options.timeoutMs))) : null;
  try {
    await runner.startTransaction();
    await runner.query(
      `select set_config('app.tenant_id', $1, true),
              set_config('app.user_id', $2, true),
              set_config('app.organisation_id', $3, true)
              ${timeout ? `, set_config('statement_timeout', $4, true), set_config('idle_in_transaction_session_timeout', $4, true)` : ''}`,
      [scope.tenantId, scope.userId ?? '', scope.organisationId ?? '', ...(timeout ? [timeout] : [])],
    );
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.release();
    throw error;
  }

  let finished: Promise<void> | undefined;
  return {
    manager: runner.manager,
    finish(ok: boolean) {
      finished ??= (async () => {
        try {
          if (ok) await runner.commitTransaction();
          else await runner.rollbackTransaction();
        } finally {
          await runner.release();
        }
      })();
      return finished;
    },
  };
}
