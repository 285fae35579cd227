import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

/** A float8 that is a real number: PostgreSQL's double precision also holds NaN and ±Infinity. */
const finite = (column: string) => `(${column} is null or ${column} not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))`;

/** Whether `value` met `target`, by direction: the same rule as metTarget() in libs/improvement. */
const MET = `case direction when 'HIGHER_IS_BETTER' then value >= target else value <= target end`;

/**
 * Improvement reviews (barrier: continuous improvement): a programme's measures, its
 * reviews (one scheduled at a time, due by the programme's review cadence), the values
 * each completed review recorded with whether they met their target, and the
 * improvement actions it agreed.
 */
export class ImprovementReviews1764620000000 implements MigrationInterface {
  name = 'ImprovementReviews1764620000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table improvement_measure (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        name text not null check (length(name) between 1 and 200),
        unit text not null check (length(unit) between 1 and 50),
        baseline double precision check (${finite('baseline')}),
        target double precision not null check (${finite('target')}),
        direction text not null check (direction in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        -- Retired measures keep their history but take no new values.
        retired_on date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id)
      )`);
    await runner.query(`create unique index improvement_measure_name_key on improvement_measure (tenant_id, programme_id, lower(name))`);
    // The target of the composite foreign key from values: a value's measure is of the value's programme.
    await runner.query(`create unique index improvement_measure_programme_key on improvement_measure (tenant_id, id, programme_id)`);
    await isolateByTenant(runner, 'improvement_measure', 'select, insert, update');

    await runner.query(`
      create table improvement_review (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        status text not null default 'SCHEDULED' check (status in ('SCHEDULED', 'COMPLETED', 'CANCELLED')),
        due_on date not null,
        scheduled_at timestamptz not null default now(),
        period_start date,
        period_end date,
        effectiveness_rating smallint check (effectiveness_rating between 1 and 5),
        efficiency_rating smallint check (efficiency_rating between 1 and 5),
        findings text check (length(findings) between 1 and 10000),
        completed_on date,
        completed_at timestamptz,
        completed_by_user_id uuid,
        -- A scheduled review is cancelled when its programme stops being active.
        cancelled_on date,
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, completed_by_user_id) references app_user (tenant_id, id),
        constraint improvement_review_period_order check (period_end >= period_start),
        constraint improvement_review_completed_fields check (
          (status = 'COMPLETED') = (period_start is not null and period_end is not null and effectiveness_rating is not null
            and efficiency_rating is not null and findings is not null and completed_on is not null
            and completed_at is not null and completed_by_user_id is not null)),
        constraint improvement_review_cancelled_on check ((status = 'CANCELLED') = (cancelled_on is not null))
      )`);
    // At most one scheduled review per programme, whatever the application does.
    await runner.query(
      `create unique index improvement_review_scheduled_key on improvement_review (tenant_id, programme_id) where status = 'SCHEDULED'`,
    );
    await runner.query(`create unique index improvement_review_programme_key on improvement_review (tenant_id, id, programme_id)`);
    await runner.query(
      `create index improvement_review_completed_idx on improvement_review (tenant_id, programme_id, completed_on desc, completed_at desc)
        where status = 'COMPLETED'`,
    );
    await runner.query(`create index improvement_review_due_idx on improvement_review (tenant_id, due_on) where status = 'SCHEDULED'`);
    await isolateByTenant(runner, 'improvement_review', 'select, insert, update');

    // The target and direction are copied from the measure when the review is completed, so
    // whether a value met its target stays what it was when the measure's target changes.
    await runner.query(`
      create table improvement_measure_value (
        tenant_id uuid not null,
        review_id uuid not null,
        measure_id uuid not null,
        programme_id uuid not null,
        value double precision not null check (${finite('value')}),
        target double precision not null check (${finite('target')}),
        direction text not null check (direction in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        met boolean not null,
        primary key (tenant_id, review_id, measure_id),
        foreign key (tenant_id, review_id, programme_id) references improvement_review (tenant_id, id, programme_id),
        foreign key (tenant_id, measure_id, programme_id) references improvement_measure (tenant_id, id, programme_id),
        constraint improvement_measure_value_met check (met = (${MET}))
      )`);
    await runner.query(`create index improvement_measure_value_measure_idx on improvement_measure_value (tenant_id, measure_id)`);
    await isolateByTenant(runner, 'improvement_measure_value', 'select, insert');

    await runner.query(`
      create table improvement_action (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        review_id uuid not null,
        description text not null check (length(description) between 1 and 2000),
        owner_person_id uuid not null,
        raised_on date not null,
        due_on date not null,
        status text not null default 'OPEN' check (status in ('OPEN', 'DONE', 'DROPPED')),
        -- The date it was done or dropped.
        closed_on date,
        note text check (length(note) <= 2000),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, review_id, programme_id) references improvement_review (tenant_id, id, programme_id),
        foreign key (tenant_id, owner_person_id) references person (tenant_id, id),
        constraint improvement_action_due_order check (due_on >= raised_on),
        constraint improvement_action_closed_on check ((status = 'OPEN') = (closed_on is null)),
        constraint improvement_action_closed_order check (closed_on >= raised_on)
      )`);
    await runner.query(`create index improvement_action_programme_idx on improvement_action (tenant_id, programme_id, status, due_on)`);
    await runner.query(`create index improvement_action_review_idx on improvement_action (tenant_id, review_id)`);
    await runner.query(`create index improvement_action_owner_idx on improvement_action (tenant_id, owner_person_id)`);
    await isolateByTenant(runner, 'improvement_action', 'select, insert, update');

    await this.createScheduleTrigger(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists programme_activated_schedules_review on programme`);
    await runner.query(`drop trigger if exists programme_status_schedules_review on programme`);
    await runner.query(`drop function if exists improvement_schedule_on_programme_status()`);
    for (const table of ['improvement_action', 'improvement_measure_value', 'improvement_review', 'improvement_measure']) {
      await runner.query(`drop table if exists ${table}`);
    }
  }

  /**
   * A programme that becomes ACTIVE (created so, or changed to it) gets its first review
   * scheduled, due review_cadence_days later; one that stops being ACTIVE has its scheduled
   * review cancelled. It runs in the transaction of the programme's change, with its RLS
   * scope, and writes the audit and outbox events the application would.
   */
  private async createScheduleTrigger(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create function improvement_schedule_on_programme_status() returns trigger language plpgsql as $$
      declare
        review record;
        scheduled_id uuid;
        scheduled_due date;
        actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
      begin
        if new.status = 'ACTIVE' then
          insert into improvement_review (tenant_id, programme_id, due_on)
          values (new.tenant_id, new.id, current_date + new.review_cadence_days)
          on conflict (tenant_id, programme_id) where status = 'SCHEDULED' do nothing
          returning id, due_on into scheduled_id, scheduled_due;
          if scheduled_id is not null then
            insert into audit_event (tenant_id, actor_user_id, action, entity_type, entity_id, after)
            values (new.tenant_id, actor, 'review.scheduled', 'REVIEW', scheduled_id,
                    jsonb_build_object('id', scheduled_id, 'programmeId', new.id, 'status', 'SCHEDULED', 'dueOn', scheduled_due));
            insert into outbox_event (tenant_id, type, payload)
            values (new.tenant_id, 'improvement.review_changed',
                    jsonb_build_object('programmeId', new.id, 'localityId', new.locality_id, 'reviewId', scheduled_id,
                                       'change', 'SCHEDULED', 'dueOn', scheduled_due));
          end if;
        elsif tg_op = 'UPDATE' and old.status = 'ACTIVE' then
          for review in
            update improvement_review set status = 'CANCELLED', cancelled_on = current_date
             where tenant_id = new.tenant_id and programme_id = new.id and status = 'SCHEDULED'
            returning id, due_on
          loop
            insert into audit_event (tenant_id, actor_user_id, action, entity_type, entity_id, after)
            values (new.tenant_id, actor, 'review.cancelled', 'REVIEW', review.id,
                    jsonb_build_object('id', review.id, 'programmeId', new.id, 'status', 'CANCELLED', 'programmeStatus', new.status));
            insert into outbox_event (tenant_id, type, payload)
            values (new.tenant_id, 'improvement.review_changed',
                    jsonb_build_object('programmeId', new.id, 'localityId', new.locality_id, 'reviewId', review.id,
                                       'change', 'CANCELLED'));
          end loop;
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger programme_activated_schedules_review after insert on programme
      for each row when (new.status = 'ACTIVE') execute function improvement_schedule_on_programme_status()`);
    await runner.query(`
      create trigger programme_status_schedules_review after update of status on programme
      for each row when (old.status is distinct from new.status) execute function improvement_schedule_on_programme_status()`);
    await executableByApplication(runner, ['improvement_schedule_on_programme_status()']);
  }
}
