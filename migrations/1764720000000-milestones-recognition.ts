import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

/**
 * Milestones and recognition (barrier: recognition). A programme's milestones with their
 * due and achieved dates and the organisations that contributed; recognitions crediting a
 * person or an organisation taking part, for what, given by whom, on which date, and where
 * they were made visible (the partnership board, the credited party's own organisation,
 * the public: one boolean column each, so a rule can count each without parsing).
 *
 * Kept by the database, whatever the code does: a contributor and the party a recognition
 * credits take part in the programme (checked on insert, their participation locked FOR
 * SHARE); exactly one credited and exactly one giver; a recognition's milestone is of the
 * same programme (composite foreign key) and achieved on or before the recognition; no
 * achievement or recognition is dated after the day it was recorded (that day is set by
 * trigger, so it cannot be supplied).
 */
export class MilestonesRecognition1764720000000 implements MigrationInterface {
  name = 'MilestonesRecognition1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table milestone (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        name text not null check (length(name) between 1 and 200),
        due_on date not null,
        achieved_on date,
        -- The day achieved_on was last set, kept by trigger: an achievement is never dated after it.
        achieved_recorded_on date,
        achieved_by_user_id uuid,
        created_by_user_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, achieved_by_user_id) references app_user (tenant_id, id),
        foreign key (tenant_id, created_by_user_id) references app_user (tenant_id, id),
        constraint milestone_achieved_fields check (
          (achieved_on is null) = (achieved_recorded_on is null) and (achieved_on is null) = (achieved_by_user_id is null)),
        constraint milestone_achieved_not_future check (achieved_on <= achieved_recorded_on)
      )`);
    await runner.query(`create unique index milestone_name_key on milestone (tenant_id, programme_id, lower(name))`);
    // The target of the composite foreign keys from contributors and recognitions: same programme.
    await runner.query(`create unique index milestone_programme_key on milestone (tenant_id, id, programme_id)`);
    await runner.query(`create index milestone_programme_idx on milestone (tenant_id, programme_id, due_on)`);
    await runner.query(`create index milestone_open_due_idx on milestone (tenant_id, due_on) where achieved_on is null`);
    await isolateByTenant(runner, 'milestone', 'select, insert, update');

    await runner.query(`
      create table milestone_contributor (
        tenant_id uuid not null,
        milestone_id uuid not null,
        programme_id uuid not null,
        organisation_id uuid not null,
        added_at timestamptz not null default now(),
        primary key (tenant_id, milestone_id, organisation_id),
        foreign key (tenant_id, milestone_id, programme_id) references milestone (tenant_id, id, programme_id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(`create index milestone_contributor_organisation_idx on milestone_contributor (tenant_id, organisation_id)`);
    await isolateByTenant(runner, 'milestone_contributor', 'select, insert, delete');

    await runner.query(`
      create table recognition (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        milestone_id uuid,
        credited_person_id uuid,
        credited_organisation_id uuid,
        -- The organisation credited, or the credited person's organisation (set on insert).
        recipient_organisation_id uuid not null,
        reason text not null check (length(reason) between 1 and 2000),
        given_by_person_id uuid,
        given_by_organisation_id uuid,
        -- The giving organisation, or the giving person's organisation (set on insert).
        giver_organisation_id uuid not null,
        given_on date not null,
        visible_on_partnership_board boolean not null,
        visible_in_own_organisation boolean not null,
        visible_publicly boolean not null,
        -- The day it was recorded, set by trigger.
        recorded_on date not null default current_date,
        recorded_at timestamptz not null default now(),
        recorded_by_user_id uuid not null,
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        -- A recognition's milestone is a milestone of the same programme.
        foreign key (tenant_id, milestone_id, programme_id) references milestone (tenant_id, id, programme_id),
        foreign key (tenant_id, credited_person_id) references person (tenant_id, id),
        foreign key (tenant_id, credited_organisation_id) references organisation (tenant_id, id),
        foreign key (tenant_id, recipient_organisation_id) references organisation (tenant_id, id),
        foreign key (tenant_id, given_by_person_id) references person (tenant_id, id),
        foreign key (tenant_id, given_by_organisation_id) references organisation (tenant_id, id),
        foreign key (tenant_id, giver_organisation_id) references organisation (tenant_id, id),
        foreign key (tenant_id, recorded_by_user_id) references app_user (tenant_id, id),
        constraint recognition_one_credited check (num_nonnulls(credited_person_id, credited_organisation_id) = 1),
        constraint recognition_one_giver check (num_nonnulls(given_by_person_id, given_by_organisation_id) = 1),
        constraint recognition_recipient check (credited_organisation_id is null or recipient_organisation_id = credited_organisation_id),
        constraint recognition_giver check (given_by_organisation_id is null or giver_organisation_id = given_by_organisation_id),
        constraint recognition_visible_somewhere check (visible_on_partnership_board or visible_in_own_organisation or visible_publicly),
        constraint recognition_given_not_future check (given_on <= recorded_on)
      )`);
    await runner.query(`create index recognition_programme_idx on recognition (tenant_id, programme_id, given_on)`);
    await runner.query(`create index recognition_milestone_idx on recognition (tenant_id, milestone_id, given_on) where milestone_id is not null`);
    await runner.query(`create index recognition_recipient_idx on recognition (tenant_id, recipient_organisation_id, given_on)`);
    await runner.query(
      `create index recognition_person_idx on recognition (tenant_id, credited_person_id, given_on) where credited_person_id is not null`,
    );
    await runner.query(`create index recognition_giver_idx on recognition (tenant_id, giver_organisation_id, given_on)`);
    // A recognition is a record of what happened: recorded once, never rewritten.
    await isolateByTenant(runner, 'recognition', 'select, insert');

    await this.createTriggers(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists recognition_checks on recognition`);
    await runner.query(`drop trigger if exists milestone_contributor_participant on milestone_contributor`);
    await runner.query(`drop trigger if exists milestone_achievement on milestone`);
    for (const table of ['recognition', 'milestone_contributor', 'milestone']) {
      await runner.query(`drop table if exists ${table}`);
    }
    await runner.query(`drop function if exists recognition_check()`);
    await runner.query(`drop function if exists milestone_contributor_check()`);
    await runner.query(`drop function if exists milestone_keep_achievement()`);
  }

  private async createTriggers(runner: QueryRunner): Promise<void> {
    // achieved_recorded_on is the day the achievement was (last) set, so the check
    // constraint refuses an achievement dated in the future. Moving or clearing an
    // achievement must leave every recognition of the milestone on or after it; the
    // recognitions' trigger locks the milestone FOR SHARE, so the two cannot cross.
    await runner.query(`
      create function milestone_keep_achievement() returns trigger language plpgsql as $$
      begin
        if new.achieved_on is null then
          new.achieved_recorded_on := null;
        elsif tg_op = 'INSERT' or old.achieved_on is distinct from new.achieved_on then
          new.achieved_recorded_on := current_date;
        end if;
        if tg_op = 'UPDATE' and old.achieved_on is distinct from new.achieved_on then
          perform 1 from recognition r
           where r.tenant_id = new.tenant_id and r.milestone_id = new.id
             and (new.achieved_on is null or r.given_on < new.achieved_on);
          if found then
            raise exception 'A recognition of the milestone would be dated before its achievement'
              using errcode = 'check_violation', constraint = 'recognition_after_achievement';
          end if;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger milestone_achievement before insert or update of achieved_on on milestone
      for each row execute function milestone_keep_achievement()`);

    // A contributor takes part in the programme; its participation is locked FOR SHARE so
    // it cannot end before this commits. The service checks the same with friendlier messages.
    await runner.query(`
      create function milestone_contributor_check() returns trigger language plpgsql as $$
      begin
        perform 1 from programme_participant pp
         where pp.tenant_id = new.tenant_id and pp.programme_id = new.programme_id
           and pp.organisation_id = new.organisation_id and pp.left_at is null
           for share;
        if not found then
          raise exception 'A contributor must take part in the programme'
            using errcode = 'check_violation', constraint = 'milestone_contributor_participant';
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger milestone_contributor_participant before insert on milestone_contributor
      for each row execute function milestone_contributor_check()`);

    // The recipient and giving organisations come from the credited and giving party; the
    // recipient takes part in the programme (locked FOR SHARE); a linked milestone is
    // achieved on or before the recognition's date (locked FOR SHARE against a change).
    await runner.query(`
      create function recognition_check() returns trigger language plpgsql as $$
      declare
        achieved date;
      begin
        new.recorded_on := current_date;
        if new.credited_person_id is not null then
          select p.organisation_id into new.recipient_organisation_id
            from person p where p.tenant_id = new.tenant_id and p.id = new.credited_person_id;
        else
          new.recipient_organisation_id := new.credited_organisation_id;
        end if;
        if new.given_by_person_id is not null then
          select p.organisation_id into new.giver_organisation_id
            from person p where p.tenant_id = new.tenant_id and p.id = new.given_by_person_id;
        else
          new.giver_organisation_id := new.given_by_organisation_id;
        end if;
        perform 1 from programme_participant pp
         where pp.tenant_id = new.tenant_id and pp.programme_id = new.programme_id
           and pp.organisation_id = new.recipient_organisation_id and pp.left_at is null
           for share;
        if not found then
          raise exception 'The credited party must take part in the programme'
            using errcode = 'check_violation', constraint = 'recognition_credited_participant';
        end if;
        if new.milestone_id is not null then
          select m.achieved_on into achieved
            from milestone m where m.tenant_id = new.tenant_id and m.id = new.milestone_id
             for share;
          if achieved is null or new.given_on < achieved then
            raise exception 'A recognition for a milestone is given on or after the milestone was achieved'
              using errcode = 'check_violation', constraint = 'recognition_after_achievement';
          end if;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger recognition_checks before insert on recognition
      for each row execute function recognition_check()`);

    await executableByApplication(runner, ['milestone_keep_achievement()', 'milestone_contributor_check()', 'recognition_check()']);
  }
}
