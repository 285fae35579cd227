import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** How far inside a recipient organisation a briefing was passed on (CascadeLevel in libs/briefings). */
const CASCADE_LEVELS = ['LEADERSHIP_ONLY', 'MANAGERS', 'FRONT_LINE', 'WHOLE_ORGANISATION'];

const FUNCTIONS = ['briefing_recipient_guard()', 'briefing_acknowledgement_make_current()'];

/**
 * Briefings (barrier: communication): a programme's briefings, the organisations each was
 * sent to (fixed when it was issued), and each recipient's acknowledgements with how far
 * the briefing was cascaded inside it (append-only; the latest counts). The recipient row
 * keeps its current acknowledgement, cascade and dates as columns, derived by the database
 * from the acknowledgements, so governance rules count them without inferring anything.
 */
export class Briefings1764700000000 implements MigrationInterface {
  name = 'Briefings1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    // Issued once and never changed: the application may only insert and read briefings.
    await runner.query(`
      create table briefing (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        title text not null check (length(title) between 1 and 200),
        summary text not null check (length(summary) between 1 and 5000),
        issued_on date not null check (issued_on >= date '2000-01-01'),
        link text check (length(link) <= 2000 and link ~ '^https://[^[:space:]]+$'),
        issued_by_user_id uuid not null,
        -- The lead organisation a representative issued it for; empty when staff issued it.
        issued_by_organisation_id uuid,
        issued_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, issued_by_organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(
      `create index briefing_programme_idx on briefing (tenant_id, programme_id, issued_on desc, issued_at desc, id desc)`,
    );
    await isolateByTenant(runner, 'briefing', 'select, insert');

    await runner.query(`
      create table briefing_recipient (
        tenant_id uuid not null,
        briefing_id uuid not null,
        organisation_id uuid not null,
        -- The latest acknowledgement and what it says; empty until the organisation acknowledges.
        -- Set only through briefing_acknowledgement (see briefing_recipient_guard).
        acknowledgement_id uuid,
        cascade_level text check (cascade_level in (${list(CASCADE_LEVELS)})),
        acknowledged_at timestamptz,
        first_acknowledged_at timestamptz,
        primary key (tenant_id, briefing_id, organisation_id),
        foreign key (tenant_id, briefing_id) references briefing (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id),
        constraint briefing_recipient_acknowledged check (
          (acknowledgement_id is null) = (cascade_level is null)
          and (acknowledgement_id is null) = (acknowledged_at is null)
          and (acknowledgement_id is null) = (first_acknowledged_at is null)
          and first_acknowledged_at <= acknowledged_at)
      )`);
    // An organisation's briefings, for its acknowledgement rate and what it has not acknowledged.
    await runner.query(`create index briefing_recipient_organisation_idx on briefing_recipient (tenant_id, organisation_id, briefing_id)`);
    // Update only through the acknowledgement trigger's path; never deleted.
    await isolateByTenant(runner, 'briefing_recipient', 'select, insert, update');

    // Append-only: a changed acknowledgement is a new row; the recipient points at the latest.
    await runner.query(`
      create table briefing_acknowledgement (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        briefing_id uuid not null,
        organisation_id uuid not null,
        cascade_level text not null check (cascade_level in (${list(CASCADE_LEVELS)})),
        note text check (length(note) between 1 and 2000),
        acknowledged_by_user_id uuid not null,
        acknowledged_at timestamptz not null default clock_timestamp(),
        primary key (tenant_id, id),
        -- Only an organisation the briefing was sent to can acknowledge it.
        foreign key (tenant_id, briefing_id, organisation_id) references briefing_recipient (tenant_id, briefing_id, organisation_id)
      )`);
    // The target of the recipient's current-acknowledgement key, and each briefing's history in order.
    await runner.query(
      `create unique index briefing_acknowledgement_recipient_key on briefing_acknowledgement (tenant_id, briefing_id, organisation_id, id)`,
    );
    await runner.query(
      `create index briefing_acknowledgement_history_idx on briefing_acknowledgement (tenant_id, briefing_id, acknowledged_at, id)`,
    );
    await isolateByTenant(runner, 'briefing_acknowledgement', 'select, insert');

    // A recipient's current acknowledgement is one of its own.
    await runner.query(`
      alter table briefing_recipient add constraint briefing_recipient_current_fk
        foreign key (tenant_id, briefing_id, organisation_id, acknowledgement_id)
        references briefing_acknowledgement (tenant_id, briefing_id, organisation_id, id)`);

    await this.createTriggers(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists briefing_acknowledgement_current on briefing_acknowledgement`);
    await runner.query(`drop trigger if exists briefing_recipient_guard on briefing_recipient`);
    await runner.query(`alter table if exists briefing_recipient drop constraint if exists briefing_recipient_current_fk`);
    for (const table of ['briefing_acknowledgement', 'briefing_recipient', 'briefing']) {
      await runner.query(`drop table if exists ${table}`);
    }
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
  }

  private async createTriggers(runner: QueryRunner): Promise<void> {
    // Recipients are the organisations taking part when the briefing is issued: added only in
    // the transaction that issued it, only if they take part then, and never changed after.
    // Their acknowledgement columns are derived from the acknowledgement they point at, which
    // must be their latest, so no write can make them say something the history does not.
    await runner.query(`
      create function briefing_recipient_guard() returns trigger language plpgsql as $$
      declare
        ack record;
      begin
        if tg_op = 'INSERT' then
          if not exists (select 1 from briefing b
                          where b.tenant_id = new.tenant_id and b.id = new.briefing_id and b.issued_at = now()) then
            raise exception 'The recipients of a briefing are fixed when it is issued'
              using errcode = 'check_violation', constraint = 'briefing_recipient_fixed';
          end if;
          if not exists (select 1 from briefing b
                           join programme_participant pp on pp.tenant_id = b.tenant_id and pp.programme_id = b.programme_id
                          where b.tenant_id = new.tenant_id and b.id = new.briefing_id
                            and pp.organisation_id = new.organisation_id and pp.left_at is null) then
            raise exception 'A briefing goes only to organisations taking part in its programme'
              using errcode = 'check_violation', constraint = 'briefing_recipient_participant';
          end if;
          if new.acknowledgement_id is not null then
            raise exception 'A briefing is acknowledged after it is issued'
              using errcode = 'check_violation', constraint = 'briefing_recipient_latest';
          end if;
          new.cascade_level := null;
          new.acknowledged_at := null;
          new.first_acknowledged_at := null;
          return new;
        end if;

        if (new.tenant_id, new.briefing_id, new.organisation_id) is distinct from (old.tenant_id, old.briefing_id, old.organisation_id) then
          raise exception 'The recipients of a briefing are fixed when it is issued'
            using errcode = 'check_violation', constraint = 'briefing_recipient_fixed';
        end if;
        if new.acknowledgement_id is not distinct from old.acknowledgement_id then
          new.cascade_level := old.cascade_level;
          new.acknowledged_at := old.acknowledged_at;
          new.first_acknowledged_at := old.first_acknowledged_at;
          return new;
        end if;
        select a.id, a.cascade_level, a.acknowledged_at into ack
          from briefing_acknowledgement a
         where a.tenant_id = new.tenant_id and a.id = new.acknowledgement_id
           and a.briefing_id = new.briefing_id and a.organisation_id = new.organisation_id;
        if not found or exists (
             select 1 from briefing_acknowledgement a
              where a.tenant_id = new.tenant_id and a.briefing_id = new.briefing_id and a.organisation_id = new.organisation_id
                and (a.acknowledged_at, a.id) > (ack.acknowledged_at, ack.id)) then
          raise exception 'A recipient''s current acknowledgement is its latest one'
            using errcode = 'check_violation', constraint = 'briefing_recipient_latest';
        end if;
        new.cascade_level := ack.cascade_level;
        new.acknowledged_at := ack.acknowledged_at;
        new.first_acknowledged_at := coalesce(old.first_acknowledged_at, ack.acknowledged_at);
        return new;
      end $$`);
    await runner.query(`
      create trigger briefing_recipient_guard before insert or update on briefing_recipient
      for each row execute function briefing_recipient_guard()`);

    // Each new acknowledgement becomes its recipient's current one.
    await runner.query(`
      create function briefing_acknowledgement_make_current() returns trigger language plpgsql as $$
      begin
        update briefing_recipient set acknowledgement_id = new.id
         where tenant_id = new.tenant_id and briefing_id = new.briefing_id and organisation_id = new.organisation_id;
        return new;
      end $$`);
    await runner.query(`
      create trigger briefing_acknowledgement_current after insert on briefing_acknowledgement
      for each row execute function briefing_acknowledgement_make_current()`);

    await executableByApplication(runner, FUNCTIONS);
  }
}
