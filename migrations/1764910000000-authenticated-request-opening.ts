import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication } from './support/tenant-isolation';

const FUNCTIONS = ['open_authenticated_request(uuid, uuid, uuid)'];

/**
 * The per-request session check folded into the statement that opens the operation's
 * transaction (`begin; select …; select … from open_authenticated_request(…)`): one round
 * trip where there were two. `authenticated_caller` stays for checks made outside any
 * transaction.
 */
export class AuthenticatedRequestOpening1764910000000 implements MigrationInterface {
  name = 'AuthenticatedRequestOpening1764910000000';

  async up(runner: QueryRunner): Promise<void> {
    // Inside the operation's transaction: when the session is live and its user active
    // (exactly authenticated_caller's conditions), sets the tenant, user and organisation
    // for row-level security local to the transaction and returns the caller; otherwise
    // returns no row and leaves all three empty, so nothing tenant-scoped is readable.
    // SECURITY INVOKER on purpose: once app.tenant_id is the token's tenant, the
    // application role reads app_user and auth_session through their tenant_isolation
    // policies (it has SELECT on both), so the function needs no rights the caller lacks.
    await runner.query(`
      create function open_authenticated_request(p_tenant uuid, p_user uuid, p_session uuid)
      returns table (role text, organisation_id uuid)
      language plpgsql volatile security invoker set search_path = public, pg_temp
      as $$
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        select u.role, u.organisation_id into role, organisation_id
          from app_user u
          join auth_session s on s.tenant_id = u.tenant_id and s.user_id = u.id
         where u.tenant_id = p_tenant and u.id = p_user and s.id = p_session
           and u.active and s.revoked_at is null;
        if not found then
          perform set_config('app.tenant_id', '', true);
          perform set_config('app.user_id', '', true);
          perform set_config('app.organisation_id', '', true);
          return;
        end if;
        perform set_config('app.user_id', p_user::text, true);
        perform set_config('app.organisation_id', coalesce(organisation_id::text, ''), true);
        return next;
      end $$`);

    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
  }
}
