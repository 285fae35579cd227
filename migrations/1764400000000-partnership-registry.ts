import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_RIGHTS, isolateByTenant } from './support/tenant-isolation';

const MAX_ACTIVE_MEMBERS = 40;

const SECTORS = [
  'LOCAL_AUTHORITY',
  'HEALTH',
  'CENTRAL_GOVERNMENT',
  'POLICE',
  'FIRE_AND_RESCUE',
  'EDUCATION',
  'HOUSING',
  'PRIVATE',
  'BUSINESS',
  'COMMUNITY',
  'VOLUNTARY',
];

/**
 * Localities, member bodies and their memberships, people, programmes with their
 * participants, leader nominations, endorsements and agreed leaders, and the audit trail.
 */
export class PartnershipRegistry1764400000000 implements MigrationInterface {
  name = 'PartnershipRegistry1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table locality (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        name text not null check (length(name) between 1 and 200),
        code text not null check (code ~ '^[A-Za-z0-9-]{1,20}$'),
        region text check (length(region) <= 100),
        active_member_count int not null default 0,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        -- The member limit is a constraint: a trigger keeps the count, and the row lock it
        -- takes serialises concurrent additions to one locality.
        constraint locality_member_limit check (active_member_count between 0 and ${MAX_ACTIVE_MEMBERS})
      )`);
    await runner.query(`create unique index locality_code_key on locality (tenant_id, upper(code))`);
    await runner.query(`create index locality_name_idx on locality (tenant_id, lower(name), id)`);
    await isolateByTenant(runner, 'locality', 'select, insert, update');

    await runner.query(`
      create table organisation (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        name text not null check (length(name) between 1 and 200),
        sector text not null check (sector in (${SECTORS.map((s) => `'${s}'`).join(', ')})),
        external_ref text check (length(external_ref) <= 100),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id)
      )`);
    await runner.query(`create unique index organisation_name_key on organisation (tenant_id, lower(name))`);
    await isolateByTenant(runner, 'organisation', 'select, insert, update');

    // A member representative acts for exactly one member body of the tenant. NOT VALID:
    // enforced for every write from now on without failing on users made before bodies existed.
    await runner.query(`
      alter table app_user
        add constraint app_user_organisation_fk foreign key (tenant_id, organisation_id)
          references organisation (tenant_id, id) not valid,
        add constraint app_user_representative_has_organisation
          check ((role = 'MEMBER_REPRESENTATIVE') = (organisation_id is not null)) not valid`);

    await runner.query(`
      create table membership (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        locality_id uuid not null,
        organisation_id uuid not null,
        joined_on date not null default current_date,
        left_on date,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id),
        check (left_on is null or left_on >= joined_on)
      )`);
    await runner.query(
      `create unique index membership_active_key on membership (tenant_id, locality_id, organisation_id) where left_on is null`,
    );
    await runner.query(`create index membership_organisation_idx on membership (tenant_id, organisation_id)`);
    await isolateByTenant(runner, 'membership', 'select, insert, update');

    await runner.query(`
      create table person (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        organisation_id uuid not null,
        full_name text not null check (length(full_name) between 1 and 200),
        job_title text check (length(job_title) <= 200),
        email text check (length(email) <= 254),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(`create index person_organisation_idx on person (tenant_id, organisation_id, full_name)`);
    await isolateByTenant(runner, 'person', 'select, insert, update');

    await runner.query(`
      create table person_competency (
        tenant_id uuid not null,
        person_id uuid not null,
        name text not null check (length(name) between 1 and 100),
        level smallint not null check (level between 1 and 5),
        primary key (tenant_id, person_id, name),
        foreign key (tenant_id, person_id) references person (tenant_id, id) on delete cascade
      )`);
    await isolateByTenant(runner, 'person_competency', 'select, insert, update, delete');

    await runner.query(`
      create table programme (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        locality_id uuid not null,
        name text not null check (length(name) between 1 and 200),
        purpose text check (length(purpose) <= 2000),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'ACTIVE', 'CLOSED')),
        starts_on date,
        ends_on date,
        review_cadence_days int not null default 90 check (review_cadence_days between 7 and 730),
        agreement_rule text not null default 'UNANIMOUS' check (agreement_rule in ('UNANIMOUS', 'QUALIFIED_MAJORITY')),
        support_threshold numeric(4, 3) check (support_threshold > 0 and support_threshold <= 1),
        max_opposing int check (max_opposing >= 0),
        leader_term_months int not null default 12 check (leader_term_months between 1 and 60),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        check (ends_on is null or starts_on is null or ends_on >= starts_on),
        check ((agreement_rule = 'QUALIFIED_MAJORITY') = (support_threshold is not null))
      )`);
    await runner.query(`create index programme_locality_idx on programme (tenant_id, locality_id, name)`);
    await isolateByTenant(runner, 'programme', 'select, insert, update');

    await runner.query(`
      create table programme_participant (
        tenant_id uuid not null,
        programme_id uuid not null,
        organisation_id uuid not null,
        joined_at timestamptz not null default now(),
        left_at timestamptz,
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(
      `create unique index programme_participant_active_key on programme_participant (tenant_id, programme_id, organisation_id) where left_at is null`,
    );
    await runner.query(`create index programme_participant_organisation_idx on programme_participant (tenant_id, organisation_id)`);
    await isolateByTenant(runner, 'programme_participant', 'select, insert, update');

    await runner.query(`
      create table leader_nomination (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        person_id uuid not null,
        status text not null default 'OPEN' check (status in ('OPEN', 'AGREED', 'WITHDRAWN')),
        nominated_by_user_id uuid not null,
        nominated_at timestamptz not null default now(),
        decided_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, person_id) references person (tenant_id, id)
      )`);
    await runner.query(
      `create unique index leader_nomination_open_key on leader_nomination (tenant_id, programme_id) where status = 'OPEN'`,
    );
    await runner.query(`create index leader_nomination_programme_idx on leader_nomination (tenant_id, programme_id, nominated_at)`);
    await isolateByTenant(runner, 'leader_nomination', 'select, insert, update');

    // Append-only: a changed endorsement is a new row; the latest per organisation counts.
    await runner.query(`
      create table endorsement (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        nomination_id uuid not null,
        organisation_id uuid not null,
        position text not null check (position in ('SUPPORT', 'OPPOSE', 'ABSTAIN')),
        comment text check (length(comment) <= 2000),
        endorsed_by_user_id uuid not null,
        endorsed_at timestamptz not null default clock_timestamp(),
        primary key (tenant_id, id),
        foreign key (tenant_id, nomination_id) references leader_nomination (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(
      `create index endorsement_nomination_idx on endorsement (tenant_id, nomination_id, organisation_id, endorsed_at desc)`,
    );
    await isolateByTenant(runner, 'endorsement', 'select, insert');

    await runner.query(`
      create table programme_leader (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        person_id uuid not null,
        nomination_id uuid not null,
        agreed_at timestamptz not null default now(),
        reconfirm_by date not null,
        stepped_down_at timestamptz,
        step_down_reason text check (length(step_down_reason) <= 2000),
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, person_id) references person (tenant_id, id),
        foreign key (tenant_id, nomination_id) references leader_nomination (tenant_id, id)
      )`);
    // At most one agreed leader per programme at a time, whatever the application does.
    await runner.query(
      `create unique index programme_leader_current_key on programme_leader (tenant_id, programme_id) where stepped_down_at is null`,
    );
    await isolateByTenant(runner, 'programme_leader', 'select, insert, update');

    await runner.query(`
      create table audit_event (
        tenant_id uuid not null references tenant(id) on delete cascade,
        id uuid not null default gen_random_uuid(),
        occurred_at timestamptz not null default clock_timestamp(),
        actor_user_id uuid,
        action text not null,
        entity_type text not null,
        entity_id uuid not null,
        before jsonb,
        after jsonb,
        primary key (tenant_id, id)
      )`);
    await runner.query(`create index audit_event_entity_idx on audit_event (tenant_id, entity_type, entity_id, occurred_at, id)`);
    // Insert and read only: the trail cannot be rewritten by the application.
    await isolateByTenant(runner, 'audit_event', 'select, insert');

    await this.createTriggers(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists membership_count on membership`);
    await runner.query(`drop trigger if exists membership_leaves_programmes on membership`);
    await runner.query(`drop function if exists membership_count_active()`);
    await runner.query(`drop function if exists membership_leave_programmes()`);
    for (const table of [
      'audit_event',
      'programme_leader',
      'endorsement',
      'leader_nomination',
      'programme_participant',
      'programme',
      'person_competency',
      'person',
      'membership',
    ]) {
      await runner.query(`drop table if exists ${table}`);
    }
    await runner.query(`alter table app_user drop constraint if exists app_user_representative_has_organisation`);
    await runner.query(`alter table app_user drop constraint if exists app_user_organisation_fk`);
    await runner.query(`drop table if exists organisation`);
    await runner.query(`drop table if exists locality`);
  }

  private async createTriggers(runner: QueryRunner): Promise<void> {
    // Keeps locality.active_member_count; its check constraint refuses the 41st member.
    await runner.query(`
      create function membership_count_active() returns trigger language plpgsql as $$
      declare
        delta int := 0;
      begin
        if tg_op = 'INSERT' and new.left_on is null then
          delta := 1;
        elsif tg_op = 'UPDATE' and old.left_on is null and new.left_on is not null then
          delta := -1;
        elsif tg_op = 'UPDATE' and old.left_on is not null and new.left_on is null then
          delta := 1;
        end if;
        if delta <> 0 then
          update locality set active_member_count = active_member_count + delta
           where tenant_id = new.tenant_id and id = new.locality_id;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger membership_count after insert or update of left_on on membership
      for each row execute function membership_count_active()`);

    // A body that leaves a locality leaves that locality's programmes.
    await runner.query(`
      create function membership_leave_programmes() returns trigger language plpgsql as $$
      begin
        update programme_participant pp set left_at = now()
          from programme p
         where p.tenant_id = new.tenant_id and p.locality_id = new.locality_id
           and pp.tenant_id = p.tenant_id and pp.programme_id = p.id
           and pp.organisation_id = new.organisation_id and pp.left_at is null;
        return new;
      end $$`);
    await runner.query(`
      create trigger membership_leaves_programmes after update of left_on on membership
      for each row when (old.left_on is null and new.left_on is not null)
      execute function membership_leave_programmes()`);
    await runner.query(`grant execute on function membership_count_active() to ${APP_RIGHTS}`);
    await runner.query(`grant execute on function membership_leave_programmes() to ${APP_RIGHTS}`);
  }
}
