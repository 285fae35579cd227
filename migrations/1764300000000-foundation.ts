import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_RIGHTS, CURRENT_TENANT, isolateByTenant } from './support/tenant-isolation';

/** Tenants, users and sessions, the outbox, and the roles the application connects with. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.createRoles(runner);

    await runner.query(`
      create table tenant (
        id uuid primary key default gen_random_uuid(),
        slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text not null check (length(name) between 1 and 200),
        created_at timestamptz not null default now()
      )`);
    // The application sees only the tenant it is acting for; tenants are created by the owner.
    await runner.query(`alter table tenant enable row level security`);
    await runner.query(`alter table tenant force row level security`);
    await runner.query(`create policy tenant_self on tenant using (id = ${CURRENT_TENANT}) with check (id = ${CURRENT_TENANT})`);
    await runner.query(`grant select on tenant to ${APP_RIGHTS}`);

    await runner.query(`
      create table app_user (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        email text not null check (length(email) between 3 and 254),
        display_name text not null check (length(display_name) between 1 and 200),
        password_hash text not null,
        role text not null check (role in ('TENANT_ADMIN', 'COORDINATOR', 'MEMBER_REPRESENTATIVE', 'REVIEWER')),
        organisation_id uuid,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`);
    await runner.query(`create unique index app_user_email_key on app_user (tenant_id, lower(email))`);
    await isolateByTenant(runner, 'app_user', 'select, insert, update');

    await runner.query(`
      create table auth_session (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        user_id uuid not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
      )`);
    await runner.query(`create index auth_session_user_idx on auth_session (tenant_id, user_id)`);
    await isolateByTenant(runner, 'auth_session', 'select, insert, update');

    await runner.query(`
      create table refresh_token (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        session_id uuid not null,
        token_hash bytea not null,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, session_id) references auth_session (tenant_id, id) on delete cascade
      )`);
    await runner.query(`create index refresh_token_session_idx on refresh_token (tenant_id, session_id)`);
    await isolateByTenant(runner, 'refresh_token', 'select, insert, update');

    await runner.query(`
      create table sign_in_failure (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        email text not null,
        attempted_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`);
    await runner.query(`create index sign_in_failure_email_idx on sign_in_failure (tenant_id, lower(email), attempted_at)`);
    await isolateByTenant(runner, 'sign_in_failure', 'select, insert, delete');

    await runner.query(`
      create table outbox_event (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        type text not null check (type ~ '^[a-z]+(\\.[a-z_]+)+$'),
        payload jsonb not null default '{}',
        created_at timestamptz not null default now(),
        dispatched_at timestamptz,
        primary key (tenant_id, id)
      )`);
    await runner.query(
      `create index outbox_event_pending_idx on outbox_event (tenant_id, created_at) where dispatched_at is null`,
    );
    await isolateByTenant(runner, 'outbox_event', 'select, insert, update');

    // Sign-in knows a slug, not a tenant id: this reveals the id and nothing else.
    await runner.query(`
      create function tenant_id_for_slug(p_slug text) returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id from tenant where slug = lower(p_slug) $$`);
    // The outbox relay serves all tenants but reads each one's events under its own RLS scope.
    await runner.query(`
      create function tenants_with_pending_outbox(p_limit int) returns setof uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select distinct tenant_id from outbox_event where dispatched_at is null limit p_limit $$`);
    for (const fn of ['tenant_id_for_slug(text)', 'tenants_with_pending_outbox(int)']) {
      await runner.query(`revoke all on function ${fn} from public`);
      await runner.query(`grant execute on function ${fn} to ${APP_RIGHTS}`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop function if exists tenants_with_pending_outbox(int)`);
    await runner.query(`drop function if exists tenant_id_for_slug(text)`);
    for (const table of ['outbox_event', 'sign_in_failure', 'refresh_token', 'auth_session', 'app_user', 'tenant']) {
      await runner.query(`drop table if exists ${table}`);
    }
    await runner.query(`revoke usage on schema public from ${APP_RIGHTS}`);
  }

  /**
   * The application's login role (the user of DATABASE_URL, which the migration runner
   * passes in the session settings joinedup.app_login and joinedup.app_password) is
   * created if missing, kept to that password, and given its rights through a group role
   * so that later migrations grant to a fixed name.
   */
  private async createRoles(runner: QueryRunner): Promise<void> {
    await runner.query(`
      do $$
      declare
        login text := current_setting('joinedup.app_login');
        password text := current_setting('joinedup.app_password', true);
      begin
        if not exists (select from pg_roles where rolname = '${APP_RIGHTS}') then
          create role ${APP_RIGHTS} nologin nosuperuser nobypassrls;
        end if;
        if not exists (select from pg_roles where rolname = login) then
          execute format('create role %I login nosuperuser nobypassrls nocreatedb nocreaterole', login);
        end if;
        if coalesce(password, '') <> '' then
          execute format('alter role %I with login password %L', login, password);
        end if;
        execute format('grant ${APP_RIGHTS} to %I', login);
      end $$`);
    await runner.query(`grant usage on schema public to ${APP_RIGHTS}`);
  }
}
