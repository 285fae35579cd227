import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const FUNCTIONS = ['survey_rounds_to_publish()'];

/**
 * A round's published figures, stored once (issue 23). When a round is final (closed, its
 * pooled answers settled, at least its minimum group of responses) and the engine has
 * scanned its locality (the perception gap's records are then fixed), the worker writes
 * what the results show: the totals, each barrier's share, interval and baseline, the
 * perception gap, and the sector and organisation groups as results-disclosure.ts lets them
 * be shown. Never the cells they are computed from, never a response: a superuser reading
 * this table learns what a coordinator reads on the results page. Round, locality and
 * organisation names are not copied (organisation ids only): they stay live.
 *
 * `figures` is json, not jsonb, so its text is the one JSON.stringify wrote (numbers keep
 * their digits) and a compiled read embeds its parts as they are.
 */
export class HealthCheckPublication1765180000000 implements MigrationInterface {
  name = 'HealthCheckPublication1765180000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table survey_round_publication (
        tenant_id uuid not null references tenant (id),
        round_id uuid not null,
        figures json not null check (json_typeof(figures) = 'object'),
        published_at timestamptz not null default now(),
        primary key (tenant_id, round_id),
        foreign key (tenant_id, round_id) references survey_round (tenant_id, id)
      )`);
    // Written once: the application may read and insert, never change or delete.
    await isolateByTenant(runner, 'survey_round_publication', 'select, insert');

    // Rounds to publish, ids only, for the worker's settle run (which has no tenant): closed
    // (by a coordinator or by date), nothing of them pooled, at least their minimum group of
    // responses, their locality scanned, and not yet published. The worker computes and
    // checks again in the round's tenant.
    await runner.query(`
      create function survey_rounds_to_publish() returns table (tenant_id uuid, round_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select s.tenant_id, s.id
          from survey_round s
         where (s.closed_at is not null or s.closes_on < (now() at time zone 'UTC')::date)
           and not exists (select from survey_round_publication p where p.tenant_id = s.tenant_id and p.round_id = s.id)
           and not exists (select from survey_response_pool p where p.tenant_id = s.tenant_id and p.round_id = s.id)
           and (select count(*) from survey_response r where r.tenant_id = s.tenant_id and r.round_id = s.id) >= s.min_group_size
           and exists (select from health_snapshot h where h.tenant_id = s.tenant_id and h.subject_type = 'LOCALITY' and h.subject_id = s.locality_id)
         order by s.tenant_id, s.id
      $$`);
    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
    await runner.query(`drop table if exists survey_round_publication`);
  }
}
