import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const EVENT_TYPES = ['flag.raised', 'flag.resolved', 'health.changed'];
const DELIVERY_STATES = ['PENDING', 'DELIVERED', 'FAILED'];
const MAX_ACTIVE_ENDPOINTS = 10;

/**
 * Webhooks of the governance engine: the endpoints a tenant administrator registers
 * (at most 10 active, guarded by a trigger under a per-tenant lock), and one delivery
 * row per event and endpoint, which the worker sends and whose attempts it records.
 */
export class Webhooks1764810000000 implements MigrationInterface {
  name = 'Webhooks1764810000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table webhook_endpoint (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        url text not null check (length(url) between 1 and 2000),
        -- The HMAC key; deliveries are signed with it, so it is kept as it is (and never read back out by the API).
        secret text not null check (length(secret) between 32 and 200),
        events text[] not null check (cardinality(events) between 1 and ${EVENT_TYPES.length} and events <@ array[${list(EVENT_TYPES)}]),
        description text check (length(description) <= 500),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        created_by_user_id uuid,
        deactivated_at timestamptz,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        check (active = (deactivated_at is null))
      )`);
    await runner.query(`create index webhook_endpoint_recent_idx on webhook_endpoint (tenant_id, created_at desc, id desc)`);
    await isolateByTenant(runner, 'webhook_endpoint', 'select, insert, update');

    // Two registrations at once could both count 9 active endpoints; the lock makes them take turns.
    await runner.query(`
      create function webhook_endpoint_limit() returns trigger
      language plpgsql set search_path = public, pg_temp
      as $$
      begin
        perform pg_advisory_xact_lock(hashtextextended('webhook-endpoints:' || new.tenant_id, 0));
        if (select count(*) from webhook_endpoint
             where tenant_id = new.tenant_id and active and id <> new.id) >= ${MAX_ACTIVE_ENDPOINTS} then
          raise exception 'A tenant may have at most ${MAX_ACTIVE_ENDPOINTS} active webhook endpoints'
            using errcode = '23514', constraint = 'webhook_endpoint_limit', table = 'webhook_endpoint';
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger webhook_endpoint_limit before insert or update of active on webhook_endpoint
        for each row when (new.active) execute function webhook_endpoint_limit()`);

    await runner.query(`
      create table webhook_delivery (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        endpoint_id uuid not null,
        event_type text not null check (event_type in (${list(EVENT_TYPES)})),
        -- The body sent, byte for byte the same on every attempt.
        payload jsonb not null check (jsonb_typeof(payload) = 'object'),
        state text not null default 'PENDING' check (state in (${list(DELIVERY_STATES)})),
        attempts int not null default 0 check (attempts >= 0),
        last_attempt_at timestamptz,
        last_status_code int check (last_status_code between 100 and 599),
        last_error text check (length(last_error) <= 1000),
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, endpoint_id) references webhook_endpoint (tenant_id, id),
        check ((state = 'DELIVERED') = (delivered_at is not null))
      )`);
    // The delivery log of an endpoint, newest first.
    await runner.query(
      `create index webhook_delivery_endpoint_idx on webhook_delivery (tenant_id, endpoint_id, created_at desc, id desc)`,
    );
    await isolateByTenant(runner, 'webhook_delivery', 'select, insert, update');

    // Retention (the worker's purge-expired job, across tenants): finished deliveries go
    // after their period; at most p_batch per call, repeated until fewer go.
    await runner.query(`
      create function purge_webhook_deliveries(p_older_than interval, p_batch int) returns int
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with gone as (
          delete from webhook_delivery
           where ctid in (
             select ctid from webhook_delivery
              where created_at < now() - p_older_than and state in ('DELIVERED', 'FAILED')
              limit p_batch)
          returning 1)
        select count(*)::int from gone
      $$`);
    await executableByApplication(runner, ['purge_webhook_deliveries(interval, int)']);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table if exists webhook_delivery`);
    await runner.query(`drop table if exists webhook_endpoint`);
    await runner.query(`drop function if exists webhook_endpoint_limit()`);
    await runner.query(`drop function if exists purge_webhook_deliveries(interval, int)`);
  }
}
