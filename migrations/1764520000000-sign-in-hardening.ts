import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const FUNCTIONS = [
  'reserve_sign_in_from_address(text, int, int)',
  'release_sign_in_from_address(text)',
  'authenticated_caller(uuid, uuid, uuid)',
  'purge_sign_in_throttles(interval, int)',
];

/**
 * Sign-in under abuse: atomic per-account throttling with a progressive delay (replacing
 * the count-then-insert failure log), a per-address limit, refresh-token successors for
 * the concurrent-refresh grace period, and the per-request session check as one function.
 */
export class SignInHardening1764520000000 implements MigrationInterface {
  name = 'SignInHardening1764520000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table sign_in_failure`);

    // One row per account name tried (known or not): reserving an attempt is one upsert,
    // so concurrent attempts cannot all read "below the limit".
    await runner.query(`
      create table sign_in_throttle (
        tenant_id uuid not null references tenant(id) on delete cascade,
        email_key text not null check (length(email_key) between 1 and 254),
        failures int not null default 0 check (failures >= 0),
        last_attempt_at timestamptz not null default now(),
        next_attempt_at timestamptz not null default now(),
        primary key (tenant_id, email_key)
      )`);
    await runner.query(`create index sign_in_throttle_last_idx on sign_in_throttle (last_attempt_at)`);
    await isolateByTenant(runner, 'sign_in_throttle', 'select, insert, update, delete');

    // Addresses span tenants, so this table has no tenant and the application reaches it
    // only through the two functions below.
    await runner.query(`
      create table sign_in_address_throttle (
        address text primary key check (length(address) between 1 and 100),
        failures int not null default 0 check (failures >= 0),
        window_started_at timestamptz not null default now()
      )`);
    await runner.query(`revoke all on sign_in_address_throttle from public`);

    await runner.query(`
      create function reserve_sign_in_from_address(p_address text, p_limit int, p_window_seconds int)
      returns boolean
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        insert into sign_in_address_throttle as t (address, failures, window_started_at)
        values (p_address, 1, now())
        on conflict (address) do update set
          failures = case when t.window_started_at < now() - make_interval(secs => p_window_seconds) then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < now() - make_interval(secs => p_window_seconds) then now() else t.window_started_at end
        where t.window_started_at < now() - make_interval(secs => p_window_seconds) or t.failures < p_limit
        returning true
      $$`);
    // A successful sign-in gives its reservation back: the limit counts failures only.
    await runner.query(`
      create function release_sign_in_from_address(p_address text) returns void
      language sql volatile security definer set search_path = public, pg_temp
      as $$ update sign_in_address_throttle set failures = greatest(failures - 1, 0) where address = p_address $$`);

    // The guard's per-request check, before any transaction is opened: the session must
    // be live and its user active. Reads under the token's tenant, whatever role owns it.
    await runner.query(`
      create function authenticated_caller(p_tenant uuid, p_user uuid, p_session uuid)
      returns table (role text, organisation_id uuid)
      language plpgsql volatile security definer set search_path = public, pg_temp
      as $$
      declare
        previous text := current_setting('app.tenant_id', true);
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        return query
          select u.role, u.organisation_id
            from app_user u
            join auth_session s on s.tenant_id = u.tenant_id and s.user_id = u.id
           where u.tenant_id = p_tenant and u.id = p_user and s.id = p_session
             and u.active and s.revoked_at is null;
        perform set_config('app.tenant_id', coalesce(previous, ''), true);
      end $$`);

    // The token a refresh issued, so a concurrent refresh of the same token within the
    // grace period can be answered with the same successor.
    await runner.query(`alter table refresh_token add column replaced_by uuid`);

    // Rows of attempts long past, known account names or not (the worker's retention job).
    await runner.query(`
      create function purge_sign_in_throttles(p_older_than interval, p_batch int) returns int
      language plpgsql volatile security definer set search_path = public, pg_temp
      as $$
      declare
        purged int;
        more int;
      begin
        delete from sign_in_throttle where ctid in (
          select ctid from sign_in_throttle
           where last_attempt_at < now() - p_older_than
             and next_attempt_at < now()
           limit p_batch);
        get diagnostics purged = row_count;
        delete from sign_in_address_throttle where ctid in (
          select ctid from sign_in_address_throttle
           where window_started_at < now() - p_older_than
           limit p_batch);
        get diagnostics more = row_count;
        return purged + more;
      end $$`);

    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of [...FUNCTIONS].reverse()) await runner.query(`drop function if exists ${fn}`);
    await runner.query(`alter table refresh_token drop column if exists replaced_by`);
    await runner.query(`drop table if exists sign_in_address_throttle`);
    await runner.query(`drop table if exists sign_in_throttle`);
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
  }
}
