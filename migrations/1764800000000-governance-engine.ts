import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const BARRIERS = ['FLEXIBILITY', 'RECOGNITION', 'COMMUNICATION', 'CONFLICT_RESOLUTION', 'ROLE_FIT', 'LEADERSHIP', 'CONTINUOUS_IMPROVEMENT'];
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'];
const FLAG_STATES = ['OPEN', 'ACKNOWLEDGED', 'DISMISSED', 'RESOLVED'];
const SUBJECT_TYPES = ['LOCALITY', 'PROGRAMME', 'ORGANISATION', 'PERSON', 'CONFLICT', 'ROLE', 'NOMINATION', 'MEASURE', 'IMPROVEMENT_ACTION', 'ALIGNMENT_REQUEST', 'MILESTONE'];
const SCAN_STATES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'];
const SCAN_TRIGGERS = ['SCHEDULE', 'REQUEST', 'EVENT'];
const SCORE = (column: string) => `${column} smallint not null check (${column} between 0 and 100)`;

/**
 * The governance engine's own tables: per-tenant rule settings, flags (one open flag per
 * rule and subject, kept by a partial unique index), scans and health snapshots. The
 * engine reads every other table and writes only these.
 */
export class GovernanceEngine1764800000000 implements MigrationInterface {
  name = 'GovernanceEngine1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    // A tenant's changes to a built-in rule; a rule without a row runs with its defaults.
    await runner.query(`
      create table governance_rule_setting (
        tenant_id uuid not null references tenant (id),
        rule_code text not null check (rule_code ~ '^[A-Z][A-Z_]{2,63}$'),
        enabled boolean not null default true,
        severity text check (severity in (${list(SEVERITIES)})),
        thresholds jsonb not null default '{}' check (jsonb_typeof(thresholds) = 'object'),
        updated_at timestamptz not null default now(),
        updated_by_user_id uuid,
        primary key (tenant_id, rule_code)
      )`);
    await isolateByTenant(runner, 'governance_rule_setting', 'select, insert, update');

    await runner.query(`
      create table governance_scan (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        -- null: every locality of the tenant.
        locality_id uuid,
        trigger text not null check (trigger in (${list(SCAN_TRIGGERS)})),
        state text not null default 'QUEUED' check (state in (${list(SCAN_STATES)})),
        requested_by_user_id uuid,
        queued_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        -- The instant the rules judged.
        as_of timestamptz,
        attempts int not null default 0,
        flags_raised int,
        flags_updated int,
        flags_resolved int,
        open_flags int,
        duration_ms int,
        error text check (length(error) <= 2000),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        check ((state = 'SUCCEEDED') = (flags_raised is not null and finished_at is not null and as_of is not null))
      )`);
    await runner.query(`create index governance_scan_recent_idx on governance_scan (tenant_id, queued_at desc, id desc)`);
    await runner.query(
      `create index governance_scan_locality_idx on governance_scan (tenant_id, locality_id, queued_at desc, id desc)`,
    );
    // When a flag was last seen: the latest successful scan of its locality, or of all.
    await runner.query(
      `create index governance_scan_succeeded_idx on governance_scan (tenant_id, locality_id, as_of desc) where state = 'SUCCEEDED'`,
    );
    await isolateByTenant(runner, 'governance_scan', 'select, insert, update');

    await runner.query(`
      create table governance_flag (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        rule_code text not null,
        barrier text not null check (barrier in (${list(BARRIERS)})),
        subject_type text not null check (subject_type in (${list(SUBJECT_TYPES)})),
        subject_id uuid not null,
        -- Where the subject sits, for lists and scores; null where it spans them (a person's roles across localities).
        locality_id uuid,
        programme_id uuid,
        organisation_id uuid,
        severity text not null check (severity in (${list(SEVERITIES)})),
        message text not null check (length(message) between 1 and 1000),
        evidence jsonb not null check (jsonb_typeof(evidence) = 'object'),
        state text not null default 'OPEN' check (state in (${list(FLAG_STATES)})),
        first_raised_at timestamptz not null,
        last_seen_at timestamptz not null,
        evidence_changed_at timestamptz not null,
        resolved_at timestamptz,
        raised_by_scan_id uuid,
        acknowledged_at timestamptz,
        acknowledged_by_user_id uuid,
        dismissed_at timestamptz,
        dismissed_by_user_id uuid,
        dismissal_reason text check (length(dismissal_reason) between 1 and 2000),
        primary key (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        foreign key (tenant_id, programme_id) references programme (tenant_id, id),
        foreign key (tenant_id, organisation_id) references organisation (tenant_id, id),
        check ((state = 'RESOLVED') = (resolved_at is not null)),
        check ((state = 'DISMISSED') = (dismissed_at is not null)),
        check ((dismissed_at is null) = (dismissal_reason is null)),
        check (state <> 'ACKNOWLEDGED' or acknowledged_at is not null)
      )`);
    // One open flag per rule and subject (the subject within its programme and locality):
    // two scans racing cannot both raise it.
    await runner.query(`
      create unique index governance_flag_one_open_idx
        on governance_flag (tenant_id, rule_code, subject_id, programme_id, locality_id) nulls not distinct
        where resolved_at is null`);
    await runner.query(`create index governance_flag_recent_idx on governance_flag (tenant_id, first_raised_at desc, id desc)`);
    for (const column of ['locality_id', 'programme_id', 'organisation_id']) {
      await runner.query(
        `create index governance_flag_${column.replace('_id', '')}_idx on governance_flag (tenant_id, ${column}, first_raised_at desc, id desc) where ${column} is not null`,
      );
    }
    await isolateByTenant(runner, 'governance_flag', 'select, insert, update');

    await runner.query(`
      create table health_snapshot (
        tenant_id uuid not null references tenant (id),
        id uuid not null default gen_random_uuid(),
        scan_id uuid not null,
        subject_type text not null check (subject_type in ('PROGRAMME', 'LOCALITY')),
        subject_id uuid not null,
        locality_id uuid not null,
        taken_at timestamptz not null,
        ${SCORE('overall')},
        ${SCORE('flexibility')},
        ${SCORE('recognition')},
        ${SCORE('communication')},
        ${SCORE('conflict_resolution')},
        ${SCORE('role_fit')},
        ${SCORE('leadership')},
        ${SCORE('continuous_improvement')},
        open_flags int not null check (open_flags >= 0),
        primary key (tenant_id, id),
        foreign key (tenant_id, scan_id) references governance_scan (tenant_id, id),
        foreign key (tenant_id, locality_id) references locality (tenant_id, id),
        unique (tenant_id, scan_id, subject_id)
      )`);
    await runner.query(`create index health_snapshot_subject_idx on health_snapshot (tenant_id, subject_id, taken_at desc, id desc)`);
    await isolateByTenant(runner, 'health_snapshot', 'select, insert');

    // The worker schedules a scan per tenant; under RLS the tenant table shows each tenant
    // only itself, so this tells it which tenants exist (ids only, nothing else).
    await runner.query(`
      create function governance_tenant_ids() returns setof uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id from tenant order by id $$`);
    // Rules raise their base severity by steps (e.g. days overdue); HIGH is the ceiling.
    await runner.query(`
      create function governance_severity_raised(p_base text, p_steps int) returns text
      language sql immutable set search_path = public, pg_temp
      as $$ select (array['LOW', 'MEDIUM', 'HIGH'])[least(3, greatest(1,
               array_position(array['LOW', 'MEDIUM', 'HIGH'], p_base) + greatest(0, coalesce(p_steps, 0))))] $$`);
    // Retention (the worker's purge-expired job, across tenants): past the detail period a
    // subject keeps its last snapshot of each UTC day, which is what a trend needs; scans
    // past their retention go once no snapshot refers to them. Each call deletes at most
    // p_batch rows; the caller repeats until fewer go.
    await runner.query(`
      create function purge_health_snapshot_detail(p_older_than interval, p_batch int) returns int
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with gone as (
          delete from health_snapshot
           where ctid in (
             select h.ctid from health_snapshot h
              where h.taken_at < now() - p_older_than
                and exists (
                  select from health_snapshot later
                   where later.tenant_id = h.tenant_id and later.subject_id = h.subject_id
                     and (later.taken_at, later.id) > (h.taken_at, h.id)
                     and (later.taken_at at time zone 'UTC')::date = (h.taken_at at time zone 'UTC')::date)
              limit p_batch)
          returning 1)
        select count(*)::int from gone
      $$`);
    await runner.query(`
      create function purge_governance_scans(p_older_than interval, p_batch int) returns int
      language sql volatile security definer set search_path = public, pg_temp
      as $$
        with gone as (
          delete from governance_scan
           where ctid in (
             select s.ctid from governance_scan s
              where s.queued_at < now() - p_older_than and s.state in ('SUCCEEDED', 'FAILED')
                and not exists (select from health_snapshot h where h.tenant_id = s.tenant_id and h.scan_id = s.id)
              limit p_batch)
          returning 1)
        select count(*)::int from gone
      $$`);
    await executableByApplication(runner, [
      'governance_tenant_ids()',
      'governance_severity_raised(text, int)',
      'purge_health_snapshot_detail(interval, int)',
      'purge_governance_scans(interval, int)',
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['health_snapshot', 'governance_flag', 'governance_scan', 'governance_rule_setting']) {
      await runner.query(`drop table if exists ${table}`);
    }
    await runner.query(`drop function if exists governance_tenant_ids()`);
    await runner.query(`drop function if exists governance_severity_raised(text, int)`);
    await runner.query(`drop function if exists purge_health_snapshot_detail(interval, int)`);
    await runner.query(`drop function if exists purge_governance_scans(interval, int)`);
  }
}
