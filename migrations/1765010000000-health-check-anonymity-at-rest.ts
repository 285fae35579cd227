import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

/**
 * Health-check anonymity at rest (issue 19). Whatever the transaction that uses a link
 * writes shares its transaction id with the link's token row, so answers no longer go to
 * survey_response there: they wait in survey_response_pool, and settle_survey_responses()
 * moves them in shuffled batches, in a transaction of its own, then empties the pool with
 * TRUNCATE (which, unlike DELETE, leaves no dead row versions behind). A used link's token
 * row stays (marked used) until its round closes, so a used link looks like an unused one.
 * A round closed early is closed at once (closed_at).
 */
export class HealthCheckAnonymityAtRest1765010000000 implements MigrationInterface {
  name = 'HealthCheckAnonymityAtRest1765010000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table survey_round add column closed_at timestamptz`);
    await runner.query(`alter table survey_token add column used boolean not null default false`);

    // Answers not yet settled: a new response (organisation and sector set), or new answers
    // for a settled response (both null). No day, no instant, no link.
    await runner.query(`
      create table survey_response_pool (
        tenant_id uuid not null references tenant (id),
        edit_code_hash bytea not null check (length(edit_code_hash) = 32),
        round_id uuid not null,
        organisation_id uuid,
        sector text,
        -- [{ "statementId", "answer", "comment" }], checked by the application before it is pooled.
        answers jsonb not null check (jsonb_typeof(answers) = 'array'),
        changed boolean not null default false,
        primary key (tenant_id, edit_code_hash),
        check ((organisation_id is null) = (sector is null)),
        foreign key (tenant_id, round_id) references survey_round (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(`create index survey_response_pool_round_idx on survey_response_pool (tenant_id, round_id)`);
    await isolateByTenant(runner, 'survey_response_pool', 'select, insert, update');

    // Edit codes open pooled responses too, and none once the round is closed.
    await runner.query(`
      create or replace function survey_response_tenant(p_hash bytea) returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select r.tenant_id from (select tenant_id, round_id from survey_response where edit_code_hash = p_hash
                                 union all
                                 select tenant_id, round_id from survey_response_pool where edit_code_hash = p_hash) r
          join survey_round s on s.tenant_id = r.tenant_id and s.id = r.round_id
         where s.closed_at is null and now() < ((s.closes_on + 1)::timestamp at time zone 'UTC')
         limit 1
      $$`);

    // Moves the pooled answers of every round that is closed or holds at least its
    // minimum group size (every round with p_all, for reverting) into survey_response / survey_answer, in random order, and
    // rewrites the rest in random order: after it, no pooled or settled row carries the
    // transaction id or position of the submission that wrote it. Tokens of closed
    // rounds go too. One run at a time (the table lock); submissions wait for it.
    await runner.query(`
      create function settle_survey_responses(p_all boolean) returns int
      language plpgsql volatile security definer set search_path = public, pg_temp
      as $$
      declare
        today date := (now() at time zone 'UTC')::date;
        due survey_response_pool[];
        kept survey_response_pool[];
      begin
        delete from survey_token t using survey_round s
         where s.tenant_id = t.tenant_id and s.id = t.round_id
           and (s.closed_at is not null or t.expires_at <= now());
        if not exists (select from survey_response_pool) then
          return 0;
        end if;
        lock table survey_response_pool in access exclusive mode;
        select coalesce(array_agg(x.p order by random()) filter (where x.due), '{}'),
               coalesce(array_agg(x.p order by random()) filter (where not x.due), '{}')
          into due, kept
          from (select p, p_all or s.closed_at is not null or today > s.closes_on
                          or count(*) over (partition by p.tenant_id, p.round_id) >= s.min_group_size as due
                  from survey_response_pool p
                  join survey_round s on s.tenant_id = p.tenant_id and s.id = p.round_id) x;
        truncate survey_response_pool;

        -- New answers for settled responses.
        delete from survey_answer a
         using unnest(due) c join survey_response r on r.edit_code_hash = c.edit_code_hash
         where c.organisation_id is null and a.tenant_id = r.tenant_id and a.response_id = r.id;
        update survey_response r set changed_on = today
          from unnest(due) c where c.organisation_id is null and r.edit_code_hash = c.edit_code_hash;
        -- New responses, in the shuffled order.
        insert into survey_response (tenant_id, round_id, organisation_id, sector, edit_code_hash, submitted_on, changed_on)
        select c.tenant_id, c.round_id, c.organisation_id, c.sector, c.edit_code_hash, today, case when c.changed then today end
          from unnest(due) with ordinality c where c.organisation_id is not null order by ordinality;
        insert into survey_answer (tenant_id, response_id, statement_id, answer, comment)
        select r.tenant_id, r.id, a.statement_id, a.answer, a.comment
          from unnest(due) c
          join survey_response r on r.edit_code_hash = c.edit_code_hash
          cross join jsonb_to_recordset(c.answers) as a(statement_id uuid, answer text, comment text)
         order by random();

        insert into survey_response_pool select * from unnest(kept);
        return cardinality(due);
      end
      $$`);
    await executableByApplication(runner, ['settle_survey_responses(boolean)']);

    // Data written before: the outbox's invitation events keep no links, the throttle no
    // per-link rows, and the settled tables are rewritten in random order (TRUNCATE drops
    // the dead versions of used tokens, and new row versions carry this migration's id).
    await runner.query(`
      update outbox_event e
         set payload = jsonb_build_object(
               'roundId', e.payload -> 'roundId',
               'invitationIds', coalesce((select jsonb_agg(i.id order by i.id) from survey_invitation i
                                           where i.tenant_id = e.tenant_id and i.round_id = (e.payload ->> 'roundId')::uuid
                                             and i.person_id::text in (select j ->> 'personId' from jsonb_array_elements(e.payload -> 'invitations') j)), '[]'))
       where e.type = 'healthcheck.invitations_created' and e.payload ? 'invitations'`);
    await runner.query(`delete from survey_attempt_throttle where key not like 'address:%'`);
    await runner.query(`create temp table kept_response on commit drop as select * from survey_response order by random()`);
    await runner.query(`create temp table kept_answer on commit drop as select * from survey_answer order by random()`);
    await runner.query(`create temp table kept_token on commit drop as select * from survey_token order by token_hash`);
    await runner.query(`create temp table kept_throttle on commit drop as select * from survey_attempt_throttle order by random()`);
    await runner.query(`truncate survey_answer, survey_response, survey_token, survey_attempt_throttle`);
    await runner.query(`insert into survey_response select * from kept_response`);
    await runner.query(`insert into survey_answer select * from kept_answer`);
    await runner.query(`insert into survey_token select * from kept_token`);
    await runner.query(`insert into survey_attempt_throttle select * from kept_throttle`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Pooled answers are settled first, so reverting loses no response (links stay spent).
    await runner.query(`select settle_survey_responses(true)`);
    await runner.query(`drop function if exists settle_survey_responses(boolean)`);
    await runner.query(`drop table if exists survey_response_pool`);
    await runner.query(`delete from survey_token where used`);
    await runner.query(`alter table survey_token drop column used`);
    await runner.query(`alter table survey_round drop column closed_at`);
    // As the health-check migration made it.
    await runner.query(`
      create or replace function survey_response_tenant(p_hash bytea) returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select r.tenant_id from survey_response r
          join survey_round s on s.tenant_id = r.tenant_id and s.id = r.round_id
         where r.edit_code_hash = p_hash and now() < ((s.closes_on + 1)::timestamp at time zone 'UTC')
      $$`);
  }
}
