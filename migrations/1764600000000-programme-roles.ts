import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const SELECTION_METHODS = ['OPEN_SELECTION', 'APPOINTED', 'DEFAULTED'];
const END_CAUSES = ['VACATED', 'ORGANISATION_LEFT', 'ROLE_RETIRED'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** The acting user of the transaction, if any ('' read as none, like the tenant). */
const CURRENT_USER = `nullif(current_setting('app.user_id', true), '')::uuid`;

/**
 * Programme roles with their required competencies, and who holds them (role assignments,
 * with the history of holders). One current holder per role is a partial unique index;
 * the role's `vacant_since` and the end of assignments whose organisation leaves the
 * programme are kept by triggers, so they hold whichever code path changes the rows.
 */
export class ProgrammeRoles1764600000000 implements MigrationInterface {
  name = 'ProgrammeRoles1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table programme_role (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        title text not null check (length(title) between 1 and 200),
        responsibilities text check (length(responsibilities) <= 4000),
        required_for_programme boolean not null default false,
        -- The date the role last lost its holder, or was created without one; null while held.
        vacant_since date default current_date,
        retired_at timestamptz,
        retire_reason text check (length(retire_reason) <= 2000),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        check (retire_reason is null or retired_at is not null)
      )`);
    // Serves listing a programme's roles and the assignments' (role, programme) foreign key.
    await runner.query(`create unique index programme_role_programme_key on programme_role (tenant_id, programme_id, id)`);
    await runner.query(
      `create unique index programme_role_title_key on programme_role (tenant_id, programme_id, lower(title)) where retired_at is null`,
    );
    await isolateByTenant(runner, 'programme_role', 'select, insert, update');

    await runner.query(`
      create table programme_role_competency (
        tenant_id uuid not null,
        role_id uuid not null,
        name text not null check (length(name) between 1 and 100),
        min_level smallint not null check (min_level between 1 and 5),
        primary key (tenant_id, role_id, name),
        foreign key (tenant_id, role_id) references programme_role (tenant_id, id) on delete cascade
      )`);
    // Competency names match people's case-insensitively, so a role lists each name once.
    await runner.query(
      `create unique index programme_role_competency_name_key on programme_role_competency (tenant_id, role_id, lower(name))`,
    );
    await isolateByTenant(runner, 'programme_role_competency', 'select, insert, delete');

    await runner.query(`
      create table role_assignment (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        role_id uuid not null,
        person_id uuid not null,
        -- The holder's organisation (set from the person on insert): its leaving the
        -- programme ends the assignment.
        organisation_id uuid not null,
        selection_method text not null check (selection_method in (${list(SELECTION_METHODS)})),
        rationale text check (length(rationale) <= 2000),
        -- The fit when the holder was chosen; competencies change later, this does not.
        fit_at_assignment numeric(4, 3) not null check (fit_at_assignment between 0 and 1),
        assigned_by_user_id uuid not null,
        assigned_at timestamptz not null default now(),
        ended_at timestamptz,
        end_cause text check (end_cause in (${list(END_CAUSES)})),
        end_reason text check (length(end_reason) <= 2000),
        ended_by_user_id uuid,
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id, role_id) references programme_role (tenant_id, programme_id, id),
        foreign key (tenant_id, person_id) references person (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id),
        constraint role_assignment_rationale check (selection_method = 'OPEN_SELECTION' or coalesce(length(btrim(rationale)), 0) > 0),
        check ((ended_at is null) = (end_cause is null)),
        check (ended_at is null or ended_at >= assigned_at),
        check (end_cause is distinct from 'VACATED' or coalesce(length(btrim(end_reason)), 0) > 0)
      )`);
    // One current holder per role, whatever the application does.
    await runner.query(`create unique index role_assignment_current_key on role_assignment (tenant_id, role_id) where ended_at is null`);
    await runner.query(`create index role_assignment_role_idx on role_assignment (tenant_id, role_id, assigned_at)`);
    await runner.query(`create index role_assignment_person_idx on role_assignment (tenant_id, person_id, assigned_at)`);
    await runner.query(
      `create index role_assignment_participant_idx on role_assignment (tenant_id, programme_id, organisation_id) where ended_at is null`,
    );
    await isolateByTenant(runner, 'role_assignment', 'select, insert, update');

    await this.createTriggers(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists participant_leaves_roles on programme_participant`);
    await runner.query(`drop function if exists participant_leave_roles()`);
    for (const table of ['role_assignment', 'programme_role_competency', 'programme_role']) {
      await runner.query(`drop table if exists ${table}`);
    }
    await runner.query(`drop function if exists role_assignment_check_holder()`);
    await runner.query(`drop function if exists role_assignment_keep_vacancy()`);
  }

  private async createTriggers(runner: QueryRunner): Promise<void> {
    // The holder's organisation comes from the person, and must take part in the programme
    // (its participation is locked FOR SHARE, so it cannot end before this commits); the
    // role must not be retired. The service checks the same with friendlier messages.
    await runner.query(`
      create function role_assignment_check_holder() returns trigger language plpgsql as $$
      begin
        select p.organisation_id into new.organisation_id
          from person p where p.tenant_id = new.tenant_id and p.id = new.person_id;
        perform 1 from programme_participant pp
         where pp.tenant_id = new.tenant_id and pp.programme_id = new.programme_id
           and pp.organisation_id = new.organisation_id and pp.left_at is null
           for share;
        if not found then
          raise exception 'The holder''s organisation does not take part in the programme'
            using errcode = 'check_violation', constraint = 'role_assignment_participant';
        end if;
        perform 1 from programme_role r
         where r.tenant_id = new.tenant_id and r.id = new.role_id and r.retired_at is null;
        if not found then
          raise exception 'A retired role cannot be assigned'
            using errcode = 'check_violation', constraint = 'role_assignment_role_active';
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger role_assignment_holder before insert on role_assignment
      for each row execute function role_assignment_check_holder()`);

    // vacant_since: cleared when a holder starts, set to the day the holder's assignment ended.
    await runner.query(`
      create function role_assignment_keep_vacancy() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' and new.ended_at is null then
          update programme_role set vacant_since = null where tenant_id = new.tenant_id and id = new.role_id;
        elsif tg_op = 'UPDATE' and old.ended_at is null and new.ended_at is not null then
          update programme_role set vacant_since = new.ended_at::date where tenant_id = new.tenant_id and id = new.role_id;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger role_assignment_vacancy after insert or update of ended_at on role_assignment
      for each row execute function role_assignment_keep_vacancy()`);

    // An organisation that leaves a programme (also when it leaves the locality, through
    // membership_leave_programmes) stops holding roles there: each assignment ends, with an
    // audit event and an outbox event like the ones the roles service writes.
    await runner.query(`
      create function participant_leave_roles() returns trigger language plpgsql as $$
      begin
        with ended as (
          update role_assignment ra
             set ended_at = greatest(new.left_at, ra.assigned_at), end_cause = 'ORGANISATION_LEFT',
                 end_reason = 'The organisation left the programme.', ended_by_user_id = ${CURRENT_USER}
           where ra.tenant_id = new.tenant_id and ra.programme_id = new.programme_id
             and ra.organisation_id = new.organisation_id and ra.ended_at is null
          returning ra.*
        ), audited as (
          insert into audit_event (tenant_id, actor_user_id, action, entity_type, entity_id, before, after)
          select e.tenant_id, ${CURRENT_USER}, 'role_assignment.ended', 'ROLE_ASSIGNMENT', e.id,
                 jsonb_build_object('id', e.id, 'roleId', e.role_id, 'personId', e.person_id, 'endedAt', null),
                 jsonb_build_object('id', e.id, 'roleId', e.role_id, 'personId', e.person_id,
                                    'organisationId', e.organisation_id, 'endedAt', e.ended_at,
                                    'endCause', e.end_cause, 'endReason', e.end_reason)
            from ended e
        )
        insert into outbox_event (tenant_id, type, payload)
        select e.tenant_id, 'roles.assignment_changed',
               jsonb_build_object('programmeId', e.programme_id, 'localityId', p.locality_id, 'roleId', e.role_id,
                                  'assignmentId', e.id, 'personId', e.person_id, 'change', 'ENDED',
                                  'endCause', 'ORGANISATION_LEFT')
          from ended e
          join programme p on p.tenant_id = e.tenant_id and p.id = e.programme_id;
        return new;
      end $$`);
    await runner.query(`
      create trigger participant_leaves_roles after update of left_at on programme_participant
      for each row when (old.left_at is null and new.left_at is not null)
      execute function participant_leave_roles()`);

    await executableByApplication(runner, [
      'role_assignment_check_holder()',
      'role_assignment_keep_vacancy()',
      'participant_leave_roles()',
    ]);
  }
}
