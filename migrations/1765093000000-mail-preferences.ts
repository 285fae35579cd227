import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const FUNCTIONS = ['mail_digest_recipients_due(text)', 'mail_tenant_rate_take(uuid, int)'];

/**
 * Mail preferences, the weekly digest's sent marks and the per-tenant sending rate (issue 22).
 * - mail_preference: per user, the mail kinds switched OFF (every kind is on by default, so a
 *   kind added later reaches everyone until they switch it off) and the generation of their
 *   unsubscribe links (bumped to revoke every link sent so far). No row: everything on.
 * - mail_digest_sent: one row per user and ISO week, written before the digest is sent.
 * - mail_tenant_rate: messages sent per tenant per minute, across every worker.
 * - person.health_check_mail_stopped_at: the person used the unsubscribe link of a
 *   health-check email; they get no more (their links go to the coordinator instead).
 */
export class MailPreferences1765093000000 implements MigrationInterface {
  name = 'MailPreferences1765093000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table mail_preference (
        tenant_id uuid not null,
        user_id uuid not null,
        kinds_off text[] not null default '{}' check (cardinality(kinds_off) <= 50),
        link_generation int not null default 0 check (link_generation >= 0),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, user_id),
        foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
      )`);
    await isolateByTenant(runner, 'mail_preference', 'select, insert, update');

    await runner.query(`alter table person add column health_check_mail_stopped_at timestamptz`);

    await runner.query(`
      create table mail_digest_sent (
        tenant_id uuid not null,
        user_id uuid not null,
        iso_week text not null check (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
        sent_at timestamptz not null default now(),
        primary key (tenant_id, user_id, iso_week),
        foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
      )`);
    await isolateByTenant(runner, 'mail_digest_sent', 'select, insert, delete');

    await runner.query(`
      create table mail_tenant_rate (
        tenant_id uuid not null,
        minute timestamptz not null,
        sent int not null check (sent >= 0),
        primary key (tenant_id, minute)
      )`);
    // Written only by mail_tenant_rate_take (security definer); the application reads it.
    await isolateByTenant(runner, 'mail_tenant_rate', 'select');

    // Every tenant's active coordinators and reviewers with the digest on and no digest of
    // p_week yet: ids only, for the worker's weekly scheduler.
    await runner.query(`
      create function mail_digest_recipients_due(p_week text) returns table (tenant_id uuid, user_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select u.tenant_id, u.id
          from app_user u
          left join mail_preference p on p.tenant_id = u.tenant_id and p.user_id = u.id
         where u.active and u.role in ('COORDINATOR', 'REVIEWER')
           and not coalesce('DIGEST' = any(p.kinds_off), false)
           and not exists (select from mail_digest_sent s where s.tenant_id = u.tenant_id and s.user_id = u.id and s.iso_week = p_week)
         order by u.tenant_id, u.id
      $$`);

    // Takes one message of p_limit from the tenant's current minute: true when taken. The
    // row lock makes concurrent workers count one after the other.
    await runner.query(`
      create function mail_tenant_rate_take(p_tenant uuid, p_limit int) returns boolean
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with taken as (
          insert into mail_tenant_rate as r (tenant_id, minute, sent)
          values (p_tenant, date_trunc('minute', clock_timestamp()), 1)
          on conflict (tenant_id, minute) do update set sent = r.sent + 1 where r.sent < p_limit
          returning 1
        ), swept as (
          delete from mail_tenant_rate where tenant_id = p_tenant and minute < date_trunc('minute', clock_timestamp()) - interval '1 hour'
        )
        select exists (select from taken)
      $$`);
    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
    await runner.query(`drop table if exists mail_tenant_rate`);
    await runner.query(`drop table if exists mail_digest_sent`);
    await runner.query(`drop table if exists mail_preference`);
    await runner.query(`alter table person drop column if exists health_check_mail_stopped_at`);
  }
}
