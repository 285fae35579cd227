import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const FUNCTIONS = ['calendar_feed_owner(bytea)'];

/**
 * Private calendar feeds: one live secret per user, kept only as its SHA-256, and per feed
 * the events it last served, so a changed deadline gets a higher SEQUENCE and one that
 * went away is served as cancelled for a while.
 */
export class CalendarFeeds1765091000000 implements MigrationInterface {
  name = 'CalendarFeeds1765091000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table calendar_feed (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        user_id uuid not null,
        secret_hash bytea not null check (length(secret_hash) = 32),
        created_at timestamptz not null default now(),
        last_fetched_at timestamptz,
        revoked_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
      )`);
    // One live feed per user, whatever two racing renewals do.
    await runner.query(`create unique index calendar_feed_live_key on calendar_feed (tenant_id, user_id) where revoked_at is null`);
    await runner.query(`create unique index calendar_feed_secret_key on calendar_feed (secret_hash)`);
    await isolateByTenant(runner, 'calendar_feed', 'select, insert, update');

    await runner.query(`
      create table calendar_feed_event (
        tenant_id uuid not null,
        feed_id uuid not null,
        uid text not null check (length(uid) between 1 and 200),
        kind text not null check (length(kind) between 1 and 50),
        due_on date not null,
        title text not null check (length(title) between 1 and 300),
        href text not null check (length(href) between 1 and 300),
        sequence int not null default 0 check (sequence >= 0),
        -- Set when the deadline is no longer in the feed: served as cancelled for a while.
        gone_at timestamptz,
        primary key (tenant_id, feed_id, uid),
        foreign key (tenant_id, feed_id) references calendar_feed (tenant_id, id) on delete cascade
      )`);
    await isolateByTenant(runner, 'calendar_feed_event', 'select, insert, update, delete');

    // A feed is fetched without a session: its secret's hash tells the tenant, user and
    // feed, while the feed is live and its user active.
    await runner.query(`
      create function calendar_feed_owner(p_hash bytea) returns table (tenant_id uuid, user_id uuid, feed_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select f.tenant_id, f.user_id, f.id from calendar_feed f
          join app_user u on u.tenant_id = f.tenant_id and u.id = f.user_id and u.active
         where f.secret_hash = p_hash and f.revoked_at is null
      $$`);
    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
    await runner.query(`drop table if exists calendar_feed_event`);
    await runner.query(`drop table if exists calendar_feed`);
  }
}
