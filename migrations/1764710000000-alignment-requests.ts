import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const STATUSES = ['REQUESTED', 'AGREED', 'DECLINED', 'ADAPTED', 'WITHDRAWN'];
const KINDS = ['DATA_SHARING', 'REFERRAL_PROCESS', 'IT_SYSTEM', 'POLICY', 'BUDGET', 'WORKFORCE', 'OTHER'];
const RESPONSES = ['AGREED', 'DECLINED'];

const FUNCTIONS = ['alignment_request_guard()'];

/**
 * Alignment requests: one member body taking part in a programme asks another to adapt a
 * system or process to align with a partner's, and the target answers. Every date and
 * decision a governance rule reads is a column (when it was asked, when the answer is due,
 * when and how it was answered, the planned and the actual adaptation date, withdrawal);
 * the lifecycle is enforced again by a trigger, and the history is append-only.
 */
export class AlignmentRequests1764710000000 implements MigrationInterface {
  name = 'AlignmentRequests1764710000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table alignment_request (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        programme_id uuid not null,
        -- The programme's locality (checked by the guard), so rules and visibility need no join.
        locality_id uuid not null,
        requesting_organisation_id uuid not null,
        target_organisation_id uuid not null,
        kind text not null check (kind in (${list(KINDS)})),
        title text not null check (length(title) between 1 and 200),
        description text not null check (length(description) between 1 and 5000),
        status text not null default 'REQUESTED' check (status in (${list(STATUSES)})),
        requested_by_user_id uuid,
        requested_at timestamptz not null default now(),
        requested_on date not null default current_date,
        response_due_on date not null,
        -- The target's answer; kept when an agreed request is later adapted or withdrawn.
        response text check (response in (${list(RESPONSES)})),
        responded_at timestamptz,
        responded_on date,
        responded_by_user_id uuid,
        planned_on date,
        decline_reason text check (length(decline_reason) between 1 and 5000),
        adapted_on date,
        adapted_recorded_at timestamptz,
        adapted_by_user_id uuid,
        withdrawn_at timestamptz,
        withdrawn_by_user_id uuid,
        withdrawal_reason text check (length(withdrawal_reason) between 1 and 5000),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        foreign key (tenant_id, requesting_organisation_id) references organisation (tenant_id, id),
        foreign key (tenant_id, target_organisation_id) references organisation (tenant_id, id),
        constraint alignment_request_other_organisation check (requesting_organisation_id <> target_organisation_id),
        constraint alignment_request_due check (response_due_on >= requested_on),
        -- The answer and its columns come together: a date always, a plan or a reason.
        constraint alignment_request_response check (
          (response is null) = (responded_at is null)
          and (response is null) = (responded_on is null)
          and coalesce(response = 'AGREED', false) = (planned_on is not null)
          and coalesce(response = 'DECLINED', false) = (decline_reason is not null)),
        -- The status matches the answer, and each final status has its columns.
        constraint alignment_request_status check (
          (status <> 'REQUESTED' or response is null)
          and (status not in ('AGREED', 'ADAPTED') or response is not distinct from 'AGREED')
          and (status <> 'DECLINED' or response is not distinct from 'DECLINED')
          and (status <> 'WITHDRAWN' or response is null or response = 'AGREED')
          and (status = 'ADAPTED') = (adapted_on is not null)
          and (adapted_on is null) = (adapted_recorded_at is null)
          and (status = 'WITHDRAWN') = (withdrawn_at is not null)
          and (withdrawn_at is null) = (withdrawal_reason is null)),
        -- Dates in order: answered after it was asked, planned and adapted after the answer.
        constraint alignment_request_dates check (
          responded_on >= requested_on and planned_on >= responded_on and adapted_on >= responded_on)
      )`);
    await runner.query(
      `create index alignment_request_programme_idx on alignment_request (tenant_id, programme_id, requested_at desc, id desc)`,
    );
    await runner.query(
      `create index alignment_request_requester_idx on alignment_request (tenant_id, requesting_organisation_id, requested_at desc, id desc)`,
    );
    await runner.query(
      `create index alignment_request_target_idx on alignment_request (tenant_id, target_organisation_id, requested_at desc, id desc)`,
    );
    // Decline rates count answers by the day they were given.
    await runner.query(
      `create index alignment_request_responded_idx on alignment_request (tenant_id, target_organisation_id, responded_on) where response is not null`,
    );
    // For the rule that finds requests past their response date without an answer.
    await runner.query(
      `create index alignment_request_due_idx on alignment_request (tenant_id, response_due_on) where status = 'REQUESTED'`,
    );
    await isolateByTenant(runner, 'alignment_request', 'select, insert, update');

    // Append-only history of every status change (the application may only insert and read it).
    await runner.query(`
      create table alignment_request_event (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        request_id uuid not null,
        from_status text check (from_status in (${list(STATUSES)})),
        to_status text not null check (to_status in (${list(STATUSES)})),
        planned_on date,
        adapted_on date,
        note text check (length(note) between 1 and 5000),
        actor_user_id uuid,
        actor_organisation_id uuid,
        occurred_at timestamptz not null default clock_timestamp(),
        primary key (tenant_id, id),
        foreign key (tenant_id, request_id) references alignment_request (tenant_id, id),
        foreign key (tenant_id, actor_organisation_id) references organisation (tenant_id, id),
        check ((from_status is null) = (to_status = 'REQUESTED'))
      )`);
    await runner.query(
      `create index alignment_request_event_request_idx on alignment_request_event (tenant_id, request_id, occurred_at, id)`,
    );
    await isolateByTenant(runner, 'alignment_request_event', 'select, insert');

    await this.createGuard(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table if exists alignment_request_event`);
    await runner.query(`drop table if exists alignment_request`);
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
  }

  private async createGuard(runner: QueryRunner): Promise<void> {
    // A second line behind the service: on insert, the locality is the programme's and both
    // organisations take part in it (their participations locked FOR SHARE, so neither can
    // leave before this commits); on update, what was asked and what was answered never
    // change, a final request never changes, and only legal moves are made:
    //   REQUESTED → AGREED | DECLINED | WITHDRAWN;  AGREED → ADAPTED | WITHDRAWN.
    await runner.query(`
      create function alignment_request_guard() returns trigger language plpgsql as $$
      declare
        taking_part int;
      begin
        if tg_op = 'INSERT' then
          if not exists (select 1 from programme p
                          where p.tenant_id = new.tenant_id and p.id = new.programme_id and p.locality_id = new.locality_id) then
            raise exception 'The locality of an alignment request must be its programme''s'
              using errcode = 'check_violation', constraint = 'alignment_request_programme_locality';
          end if;
          select count(*) into taking_part from (
            select 1 from programme_participant pp
             where pp.tenant_id = new.tenant_id and pp.programme_id = new.programme_id and pp.left_at is null
               and pp.organisation_id in (new.requesting_organisation_id, new.target_organisation_id)
             for share) taking;
          -- An organisation asking itself is left to the alignment_request_other_organisation check.
          if taking_part < 2 and new.requesting_organisation_id <> new.target_organisation_id then
            raise exception 'Both organisations of an alignment request must take part in its programme'
              using errcode = 'check_violation', constraint = 'alignment_request_participants';
          end if;
          return new;
        end if;
        if old.status in ('DECLINED', 'ADAPTED', 'WITHDRAWN') then
          raise exception 'A % alignment request cannot change', lower(old.status)
            using errcode = 'check_violation', constraint = 'alignment_request_final';
        end if;
        if (new.tenant_id, new.programme_id, new.locality_id, new.requesting_organisation_id, new.target_organisation_id,
            new.kind, new.title, new.description, new.requested_by_user_id, new.requested_at, new.requested_on, new.response_due_on)
           is distinct from
           (old.tenant_id, old.programme_id, old.locality_id, old.requesting_organisation_id, old.target_organisation_id,
            old.kind, old.title, old.description, old.requested_by_user_id, old.requested_at, old.requested_on, old.response_due_on) then
          raise exception 'What an alignment request asks cannot change'
            using errcode = 'check_violation', constraint = 'alignment_request_asked_frozen';
        end if;
        if old.response is not null
           and (new.response, new.responded_at, new.responded_on, new.responded_by_user_id, new.planned_on, new.decline_reason)
               is distinct from
               (old.response, old.responded_at, old.responded_on, old.responded_by_user_id, old.planned_on, old.decline_reason) then
          raise exception 'The answer to an alignment request cannot change'
            using errcode = 'check_violation', constraint = 'alignment_request_answer_frozen';
        end if;
        if new.status is distinct from old.status and not (
             (old.status = 'REQUESTED' and new.status in ('AGREED', 'DECLINED', 'WITHDRAWN'))
          or (old.status = 'AGREED' and new.status in ('ADAPTED', 'WITHDRAWN'))) then
          raise exception 'Illegal alignment request transition from % to %', old.status, new.status
            using errcode = 'check_violation', constraint = 'alignment_request_transition';
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger alignment_request_guard before insert or update on alignment_request
      for each row execute function alignment_request_guard()`);
    await executableByApplication(runner, FUNCTIONS);
  }
}
