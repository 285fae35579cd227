import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication } from './support/tenant-isolation';

/**
 * The outbox relay picks tenants oldest-pending-first, and the worker purges what has
 * served its purpose (dispatched events, spent refresh tokens). The worker acts for every
 * tenant while row-level security shows it one at a time, so these are SECURITY DEFINER
 * functions that do one fixed thing each and return only a count or tenant ids.
 */
export class JobRetention1764500000000 implements MigrationInterface {
  name = 'JobRetention1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    // The tenant that has waited longest goes first, so a limit never starves anyone.
    await runner.query(`
      create or replace function tenants_with_pending_outbox(p_limit int) returns setof uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select tenant_id from outbox_event
         where dispatched_at is null
         group by tenant_id
         order by min(created_at), tenant_id
         limit p_limit
      $$`);

    // Each call deletes at most p_batch rows, so no purge holds locks for long; the
    // caller repeats until a call deletes fewer.
    await runner.query(`
      create function purge_dispatched_outbox(p_older_than interval, p_batch int) returns int
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with gone as (
          delete from outbox_event
           where ctid in (
             select ctid from outbox_event
              where dispatched_at < now() - p_older_than
              limit p_batch)
          returning 1)
        select count(*)::int from gone
      $$`);
    // Used tokens are kept until they expire: presenting one again is how a copied
    // token is detected. Tokens of a revoked session can never be used again.
    await runner.query(`
      create function purge_spent_refresh_tokens(p_older_than interval, p_batch int) returns int
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with gone as (
          delete from refresh_token
           where ctid in (
             select t.ctid from refresh_token t
              where t.expires_at < now() - p_older_than
                 or exists (
                   select from auth_session s
                    where s.tenant_id = t.tenant_id and s.id = t.session_id
                      and s.revoked_at < now() - p_older_than)
              limit p_batch)
          returning 1)
        select count(*)::int from gone
      $$`);
    await executableByApplication(runner, ['purge_dispatched_outbox(interval, int)', 'purge_spent_refresh_tokens(interval, int)']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop function if exists purge_spent_refresh_tokens(interval, int)`);
    await runner.query(`drop function if exists purge_dispatched_outbox(interval, int)`);
    // As the foundation migration made it.
    await runner.query(`
      create or replace function tenants_with_pending_outbox(p_limit int) returns setof uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select distinct tenant_id from outbox_event where dispatched_at is null limit p_limit $$`);
  }
}
