import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'IN_RESOLUTION', 'RESOLVED', 'CLOSED_UNRESOLVED'];
const CATEGORIES = ['RESOURCES', 'PRIORITIES', 'DATA_SHARING', 'ACCOUNTABILITY', 'CULTURE', 'OTHER'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const EVENT_KINDS = ['RAISED', 'ACKNOWLEDGED', 'RESOLUTION_STARTED', 'ESCALATED', 'RESOLVED', 'CLOSED_UNRESOLVED', 'COMMENTED'];

const FUNCTIONS = [
  'conflict_process_stage_guard()',
  'conflict_process_version_guard()',
  'conflict_guard()',
  'conflict_party_guard()',
];

/**
 * Conflict resolution processes (per locality, or per programme overriding it) in agreed,
 * immutable versions of ordered stages; the conflict log with its parties and append-only
 * history. Every date and status a governance rule reads is a column.
 */
export class ConflictLog1764610000000 implements MigrationInterface {
  name = 'ConflictLog1764610000000';

  async up(runner: QueryRunner): Promise<void> {
    // One process per locality and one per programme; exactly one owner each.
    await runner.query(`
      create table conflict_process (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        locality_id uuid,
        programme_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        constraint conflict_process_one_owner check ((locality_id is null) <> (programme_id is null))
      )`);
    await runner.query(
      `create unique index conflict_process_locality_key on conflict_process (tenant_id, locality_id) where locality_id is not null`,
    );
    await runner.query(
      `create unique index conflict_process_programme_key on conflict_process (tenant_id, programme_id) where programme_id is not null`,
    );
    await isolateByTenant(runner, 'conflict_process', 'select, insert, update');

    // A version is a draft until the partnership agrees it; agreed versions never change.
    await runner.query(`
      create table conflict_process_version (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        process_id uuid not null,
        version int not null check (version >= 1),
        created_by_user_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        agreed_on date,
        agreement_recorded_by_user_id uuid,
        agreement_recorded_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, process_id) references conflict_process (tenant_id, id),
        constraint conflict_process_version_agreement check ((agreed_on is null) = (agreement_recorded_at is null))
      )`);
    await runner.query(
      `create unique index conflict_process_version_key on conflict_process_version (tenant_id, process_id, version)`,
    );
    // At most one draft per process: editing again changes that draft.
    await runner.query(
      `create unique index conflict_process_version_draft_key on conflict_process_version (tenant_id, process_id) where agreed_on is null`,
    );
    await isolateByTenant(runner, 'conflict_process_version', 'select, insert, update');

    await runner.query(`
      create table conflict_process_stage (
        tenant_id uuid not null,
        version_id uuid not null,
        stage_number smallint not null check (stage_number between 1 and 10),
        name text not null check (length(name) between 1 and 200),
        owner text not null check (length(owner) between 1 and 200),
        time_limit_days int not null check (time_limit_days between 1 and 365),
        primary key (tenant_id, version_id, stage_number),
        foreign key (tenant_id, version_id) references conflict_process_version (tenant_id, id)
      )`);
    // Delete only to replace a draft's stages; the guard refuses it for an agreed version.
    await isolateByTenant(runner, 'conflict_process_stage', 'select, insert, delete');

    await runner.query(`
      create table conflict (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        locality_id uuid not null,
        programme_id uuid,
        raised_by_organisation_id uuid not null,
        raised_by_user_id uuid not null,
        category text not null check (category in (${list(CATEGORIES)})),
        severity text not null check (severity in (${list(SEVERITIES)})),
        title text not null check (length(title) between 1 and 200),
        description text not null check (length(description) between 1 and 5000),
        status text not null default 'OPEN' check (status in (${list(STATUSES)})),
        opened_at timestamptz not null default now(),
        acknowledged_at timestamptz,
        acknowledged_by_user_id uuid,
        process_version_id uuid,
        resolution_started_at timestamptz,
        current_stage smallint,
        stage_started_on date,
        stage_due_on date,
        closed_at timestamptz,
        closed_by_user_id uuid,
        outcome text check (length(outcome) between 1 and 5000),
        close_reason text check (length(close_reason) between 1 and 5000),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, raised_by_organisation_id) references organisation (tenant_id, id),
        -- The stage a conflict is at exists in the version it started under.
        foreign key (tenant_id, process_version_id, current_stage)
          references conflict_process_stage (tenant_id, version_id, stage_number),
        constraint conflict_acknowledged check ((status = 'OPEN') = (acknowledged_at is null) and acknowledged_at >= opened_at),
        constraint conflict_stage_columns check (
          (process_version_id is null) = (current_stage is null)
          and (current_stage is null) = (resolution_started_at is null)
          and (current_stage is null) = (stage_started_on is null)
          and (current_stage is null) = (stage_due_on is null)
          and stage_due_on > stage_started_on),
        constraint conflict_stage_by_status check (
          (status <> 'IN_RESOLUTION' or current_stage is not null)
          and (status not in ('OPEN', 'ACKNOWLEDGED') or current_stage is null)),
        constraint conflict_closed check (
          (status in ('RESOLVED', 'CLOSED_UNRESOLVED')) = (closed_at is not null)
          and (status = 'RESOLVED') = (outcome is not null)
          and (status = 'CLOSED_UNRESOLVED') = (close_reason is not null))
      )`);
    await runner.query(`create index conflict_locality_idx on conflict (tenant_id, locality_id, opened_at desc, id desc)`);
    await runner.query(
      `create index conflict_programme_idx on conflict (tenant_id, programme_id, opened_at desc, id desc) where programme_id is not null`,
    );
    await runner.query(`create index conflict_raiser_idx on conflict (tenant_id, raised_by_organisation_id, opened_at desc)`);
    // For the rule that finds conflicts stuck past their stage's due date.
    await runner.query(`create index conflict_stage_due_idx on conflict (tenant_id, stage_due_on) where status = 'IN_RESOLUTION'`);
    await isolateByTenant(runner, 'conflict', 'select, insert, update');

    await runner.query(`
      create table conflict_party (
        tenant_id uuid not null,
        conflict_id uuid not null,
        organisation_id uuid not null,
        primary key (tenant_id, conflict_id, organisation_id),
        foreign key (tenant_id, conflict_id) references conflict (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(`create index conflict_party_organisation_idx on conflict_party (tenant_id, organisation_id, conflict_id)`);
    await isolateByTenant(runner, 'conflict_party', 'select, insert');

    // Append-only history of every transition and comment.
    await runner.query(`
      create table conflict_event (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        conflict_id uuid not null,
        kind text not null check (kind in (${list(EVENT_KINDS)})),
        from_status text check (from_status in (${list(STATUSES)})),
        to_status text not null check (to_status in (${list(STATUSES)})),
        stage smallint,
        stage_due_on date,
        note text check (length(note) between 1 and 5000),
        actor_user_id uuid,
        actor_organisation_id uuid,
        occurred_at timestamptz not null default clock_timestamp(),
        primary key (tenant_id, id),
        foreign key (tenant_id, conflict_id) references conflict (tenant_id, id),
        foreign key (tenant_id, actor_organisation_id) references organisation (tenant_id, id),
        check ((kind = 'RAISED') = (from_status is null)),
        check (kind <> 'COMMENTED' or note is not null)
      )`);
    await runner.query(`create index conflict_event_conflict_idx on conflict_event (tenant_id, conflict_id, occurred_at, id)`);
    await isolateByTenant(runner, 'conflict_event', 'select, insert');

    await this.createGuards(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['conflict_event', 'conflict_party', 'conflict', 'conflict_process_stage', 'conflict_process_version', 'conflict_process']) {
      await runner.query(`drop table if exists ${table}`);
    }
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
  }

  private async createGuards(runner: QueryRunner): Promise<void> {
    // The stages of an agreed version are what running conflicts were promised: frozen.
    await runner.query(`
      create function conflict_process_stage_guard() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from conflict_process_version v
                    where v.tenant_id = coalesce(new.tenant_id, old.tenant_id)
                      and v.id in (new.version_id, old.version_id) and v.agreed_on is not null) then
          raise exception 'The stages of an agreed conflict resolution process cannot change; edit it to make a new version'
            using errcode = 'check_violation', constraint = 'conflict_process_stage_frozen';
        end if;
        return coalesce(new, old);
      end $$`);
    await runner.query(`
      create trigger conflict_process_stage_guard before insert or update or delete on conflict_process_stage
      for each row execute function conflict_process_stage_guard()`);

    // An agreed version stays as agreed; a version is agreed only with stages 1..n.
    await runner.query(`
      create function conflict_process_version_guard() returns trigger language plpgsql as $$
      declare
        stages int;
        highest int;
      begin
        if old.agreed_on is not null then
          raise exception 'An agreed conflict resolution process version cannot change'
            using errcode = 'check_violation', constraint = 'conflict_process_version_frozen';
        end if;
        if new.agreed_on is not null then
          select count(*), coalesce(max(stage_number), 0) into stages, highest
            from conflict_process_stage where tenant_id = new.tenant_id and version_id = new.id;
          if stages = 0 or stages <> highest then
            raise exception 'A conflict resolution process needs stages numbered 1 to n before it can be agreed'
              using errcode = 'check_violation', constraint = 'conflict_process_version_stages';
          end if;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger conflict_process_version_guard before update on conflict_process_version
      for each row execute function conflict_process_version_guard()`);

    // The lifecycle, a second time: a closed conflict never changes, only legal moves are
    // made, the programme is of the conflict's locality, the process version is agreed.
    await runner.query(`
      create function conflict_guard() returns trigger language plpgsql as $$
      begin
        if new.programme_id is not null and not exists (
             select 1 from programme p
              where p.tenant_id = new.tenant_id and p.id = new.programme_id and p.locality_id = new.locality_id) then
          raise exception 'The programme of a conflict must be in its locality'
            using errcode = 'check_violation', constraint = 'conflict_programme_locality';
        end if;
        if new.process_version_id is not null and (tg_op = 'INSERT' or new.process_version_id is distinct from old.process_version_id)
           and not exists (select 1 from conflict_process_version v
                            where v.tenant_id = new.tenant_id and v.id = new.process_version_id and v.agreed_on is not null) then
          raise exception 'A conflict can only follow an agreed conflict resolution process'
            using errcode = 'check_violation', constraint = 'conflict_process_agreed';
        end if;
        if tg_op = 'UPDATE' then
          if old.status in ('RESOLVED', 'CLOSED_UNRESOLVED') then
            raise exception 'A closed conflict cannot change'
              using errcode = 'check_violation', constraint = 'conflict_closed_frozen';
          end if;
          if (new.status, new.current_stage) is distinct from (old.status, old.current_stage) and not (
               (old.status = 'OPEN' and new.status = 'ACKNOWLEDGED')
            or (old.status = 'ACKNOWLEDGED' and new.status = 'IN_RESOLUTION' and new.current_stage = 1)
            or (old.status = 'IN_RESOLUTION' and new.status = 'IN_RESOLUTION' and new.current_stage = old.current_stage + 1
                and new.process_version_id = old.process_version_id)
            or (old.status in ('ACKNOWLEDGED', 'IN_RESOLUTION') and new.status in ('RESOLVED', 'CLOSED_UNRESOLVED')
                and new.current_stage is not distinct from old.current_stage)) then
            raise exception 'Illegal conflict transition from % to %', old.status, new.status
              using errcode = 'check_violation', constraint = 'conflict_transition';
          end if;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger conflict_guard before insert or update on conflict
      for each row execute function conflict_guard()`);

    // The other parties are other organisations than the one that raised the conflict.
    await runner.query(`
      create function conflict_party_guard() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from conflict c
                    where c.tenant_id = new.tenant_id and c.id = new.conflict_id
                      and c.raised_by_organisation_id = new.organisation_id) then
          raise exception 'The organisation that raised a conflict is not one of its other parties'
            using errcode = 'check_violation', constraint = 'conflict_party_not_raiser';
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger conflict_party_guard before insert on conflict_party
      for each row execute function conflict_party_guard()`);

    await executableByApplication(runner, FUNCTIONS);
  }
}
