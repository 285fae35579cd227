import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_RIGHTS, CURRENT_TENANT, executableByApplication, isolateByTenant } from './support/tenant-isolation';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const BARRIERS = ['FLEXIBILITY', 'RECOGNITION', 'COMMUNICATION', 'CONFLICT_RESOLUTION', 'ROLE_FIT', 'LEADERSHIP', 'CONTINUOUS_IMPROVEMENT'];
const ANSWERS = ['STRONGLY_DISAGREE', 'DISAGREE', 'NEUTRAL', 'AGREE', 'STRONGLY_AGREE', 'DONT_KNOW'];

/** The built-in instrument: the seven statements of the 2007 north-east survey. */
export const BUILT_IN_INSTRUMENT_ID = '2007a000-0000-4000-8000-000000000001';
const BUILT_IN_STATEMENTS: [string, string, number, string | null][] = [
  ['FLEXIBILITY', "My organisation is prepared to adapt its systems and processes to align them with a partner's.", 0.47, null],
  ['RECOGNITION', 'Our people gain as much recognition for succeeding in partnerships as they would for internal projects.', 0.35, null],
  ['COMMUNICATION', 'Partnership activities are widely understood in my organisation.', 0.44, null],
  ['CONFLICT_RESOLUTION', 'My organisation has effective processes in place for addressing conflict within a partnership.', 0.61, null],
  ['ROLE_FIT', 'Roles within our partnerships are done by the best person for the job.', 0.45, null],
  ['LEADERSHIP', 'A single overall leader will be agreed for each partnership programme.', 0.333, '> 1/3'],
  [
    'CONTINUOUS_IMPROVEMENT',
    'Appropriate processes are in place to generate continuous improvement in the efficiency and effectiveness of our partnerships.',
    0.35,
    null,
  ],
];

const FUNCTIONS = [
  'survey_token_tenant(bytea)',
  'survey_response_tenant(bytea)',
  'reserve_survey_attempt(text, int, int)',
  'purge_survey_attempt_throttles(interval, int)',
];

/**
 * The partnership health check: a versioned instrument (statements and their 2007
 * baseline as data), survey rounds of a locality, invitations, single-use response tokens
 * and anonymous responses. Who was invited (survey_invitation) and which tokens exist
 * (survey_token) are separate tables with nothing joining them, and a token row is deleted
 * when its response is made: no table ties a response to a person.
 */
export class HealthCheck1764900000000 implements MigrationInterface {
  name = 'HealthCheck1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    // Instruments and their statements: the built-in one has no tenant and every tenant
    // reads it; a tenant's own (later) are its alone.
    await runner.query(`
      create table survey_instrument (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid references tenant (id),
        name text not null check (length(name) between 1 and 200),
        version int not null check (version >= 1),
        created_at timestamptz not null default now()
      )`);
    await runner.query(`
      create table survey_statement (
        id uuid primary key default gen_random_uuid(),
        instrument_id uuid not null references survey_instrument (id),
        tenant_id uuid references tenant (id),
        position smallint not null check (position >= 1),
        -- The barrier it measures (null for a tenant's own question that measures none).
        barrier text check (barrier in (${list(BARRIERS)})),
        text text not null check (length(text) between 1 and 500),
        -- The 2007 share of respondents reporting the weakness, and how to show it.
        baseline_share numeric(4, 3) check (baseline_share between 0 and 1),
        baseline_label text check (length(baseline_label) between 1 and 20),
        unique (instrument_id, position)
      )`);
    for (const table of ['survey_instrument', 'survey_statement']) {
      await runner.query(`alter table ${table} enable row level security`);
      await runner.query(`alter table ${table} force row level security`);
      await runner.query(
        `create policy tenant_or_built_in on ${table} using (tenant_id is null or tenant_id = ${CURRENT_TENANT}) with check (tenant_id = ${CURRENT_TENANT})`,
      );
      await runner.query(`grant select on ${table} to ${APP_RIGHTS}`);
    }
    await runner.query(
      `insert into survey_instrument (id, tenant_id, name, version) values ($1, null, 'Partnership health check (north east of England, 2007)', 1)`,
      [BUILT_IN_INSTRUMENT_ID],
    );
    for (const [index, [barrier, text, share, label]] of BUILT_IN_STATEMENTS.entries()) {
      await runner.query(
        `insert into survey_statement (instrument_id, tenant_id, position, barrier, text, baseline_share, baseline_label)
         values ($1, null, $2, $3, $4, $5, $6)`,
        [BUILT_IN_INSTRUMENT_ID, index + 1, barrier, text, share, label],
      );
    }

    await runner.query(`
      create table survey_round (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        locality_id uuid not null,
        programme_id uuid,
        instrument_id uuid not null references survey_instrument (id),
        title text not null check (length(title) between 1 and 200),
        opens_on date not null,
        closes_on date not null,
        -- Whether NEUTRAL answers count as reporting the weakness, fixed per round.
        count_neutral boolean not null default false,
        -- Results by organisation or sector are shown only for groups at least this big.
        min_group_size int not null default 5 check (min_group_size between 3 and 100),
        created_by_user_id uuid,
        created_at timestamptz not null default now(),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        constraint survey_round_dates check (closes_on >= opens_on)
      )`);
    await runner.query(`create index survey_round_locality_idx on survey_round (tenant_id, locality_id, opens_on desc, id desc)`);
    await isolateByTenant(runner, 'survey_round', 'select, insert, update');

    // Who was invited: for counts and to avoid inviting someone twice. No token here.
    await runner.query(`
      create table survey_invitation (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        round_id uuid not null,
        person_id uuid not null,
        organisation_id uuid not null,
        invited_at timestamptz not null default now(),
        invited_by_user_id uuid,
        primary key (tenant_id, id),
        unique (tenant_id, round_id, person_id),
        foreign key (tenant_id, round_id) references survey_round (tenant_id, id),
        foreign key (tenant_id, person_id) references person (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await isolateByTenant(runner, 'survey_invitation', 'select, insert');

    // Unused response links: the hash of each token, its round, and the organisation and
    // sector a response through it will carry. No person, no invitation. Deleted when used.
    await runner.query(`
      create table survey_token (
        tenant_id uuid not null references tenant (id),
        token_hash bytea not null check (length(token_hash) = 32),
        round_id uuid not null,
        organisation_id uuid not null,
        sector text not null,
        expires_at timestamptz not null,
        primary key (token_hash),
        foreign key (tenant_id, round_id) references survey_round (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(`create index survey_token_round_idx on survey_token (tenant_id, round_id)`);
    // update: closing a round early brings its unused links' expiry forward.
    await isolateByTenant(runner, 'survey_token', 'select, insert, update, delete');

    // A response: the organisation and sector, never the person; days, not instants, so
    // the time of an answer does not point at whoever used a link then.
    await runner.query(`
      create table survey_response (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        round_id uuid not null,
        organisation_id uuid not null,
        sector text not null,
        -- Lets the respondent change their answers until the round closes.
        edit_code_hash bytea not null unique check (length(edit_code_hash) = 32),
        submitted_on date not null default current_date,
        changed_on date,
        primary key (tenant_id, id),
        foreign key (tenant_id, round_id) references survey_round (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id)
      )`);
    await runner.query(`create index survey_response_round_idx on survey_response (tenant_id, round_id)`);
    await isolateByTenant(runner, 'survey_response', 'select, insert, update');

    await runner.query(`
      create table survey_answer (
        tenant_id uuid not null references tenant (id),
        response_id uuid not null,
        statement_id uuid not null references survey_statement (id),
        answer text not null check (answer in (${list(ANSWERS)})),
        comment text check (length(comment) between 1 and 2000),
        primary key (tenant_id, response_id, statement_id),
        foreign key (tenant_id, response_id) references survey_response (tenant_id, id) on delete cascade
      )`);
    await isolateByTenant(runner, 'survey_answer', 'select, insert, update, delete');

    // Attempts of the public mutations per token and per client address (no tenant: the
    // caller is not signed in).
    await runner.query(`
      create table survey_attempt_throttle (
        key text primary key check (length(key) between 1 and 200),
        attempts int not null check (attempts >= 0),
        window_started_at timestamptz not null
      )`);

    // The public mutations know a token or an edit code, not a tenant: these tell the
    // tenant of a live one (and nothing else), then the work runs under that tenant's RLS.
    await runner.query(`
      create function survey_token_tenant(p_hash bytea) returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select tenant_id from survey_token where token_hash = p_hash and expires_at > now() $$`);
    await runner.query(`
      create function survey_response_tenant(p_hash bytea) returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select r.tenant_id from survey_response r
          join survey_round s on s.tenant_id = r.tenant_id and s.id = r.round_id
         where r.edit_code_hash = p_hash and now() < ((s.closes_on + 1)::timestamp at time zone 'UTC')
      $$`);
    await runner.query(`
      create function reserve_survey_attempt(p_key text, p_limit int, p_window_seconds int) returns boolean
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        insert into survey_attempt_throttle as t (key, attempts, window_started_at)
        values (p_key, 1, now())
        on conflict (key) do update set
          attempts = case when t.window_started_at < now() - make_interval(secs => p_window_seconds) then 1 else t.attempts + 1 end,
          window_started_at = case when t.window_started_at < now() - make_interval(secs => p_window_seconds) then now() else t.window_started_at end
        where t.window_started_at < now() - make_interval(secs => p_window_seconds) or t.attempts < p_limit
        returning true
      $$`);
    await runner.query(`
      create function purge_survey_attempt_throttles(p_older_than interval, p_batch int) returns int
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with gone as (
          delete from survey_attempt_throttle
           where key in (select key from survey_attempt_throttle where window_started_at < now() - p_older_than limit p_batch)
          returning 1)
        select count(*)::int from gone
      $$`);
    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
    for (const table of [
      'survey_attempt_throttle',
      'survey_answer',
      'survey_response',
      'survey_token',
      'survey_invitation',
      'survey_round',
      'survey_statement',
      'survey_instrument',
    ]) {
      await runner.query(`drop table if exists ${table}`);
    }
  }
}
