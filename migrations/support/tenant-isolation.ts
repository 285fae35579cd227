import { QueryRunner } from 'typeorm';

/** The group role that holds the application's privileges; the login role is a member. */
export const APP_RIGHTS = 'joinedup_app_rights';

/** The tenant of the current transaction, '' read as none (STACK-NOTES). */
export const CURRENT_TENANT = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Row-level security, enabled and forced, with one policy that both filters what is
 * read and checks what is written. Every table with a tenant_id goes through here.
 */
export async function isolateByTenant(runner: QueryRunner, table: string, privileges: string): Promise<void> {
  await runner.query(`alter table ${table} enable row level security`);
  await runner.query(`alter table ${table} force row level security`);
  await runner.query(
    `create policy tenant_isolation on ${table} using (tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
  );
  await runner.query(`grant ${privileges} on ${table} to ${APP_RIGHTS}`);
}

/** Lets the application call these functions (by signature), and nobody else. */
export async function executableByApplication(runner: QueryRunner, signatures: string[]): Promise<void> {
  for (const fn of signatures) {
    await runner.query(`revoke all on function ${fn} from public`);
    await runner.query(`grant execute on function ${fn} to ${APP_RIGHTS}`);
  }
}
