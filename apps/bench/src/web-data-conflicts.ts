import { Client } from 'pg';

/** Conflicts of the measured locality: about five a month over two years of a 40-body partnership. */
export const BENCH_CONFLICTS = 120;

/**
 * The locality's agreed three-stage conflict process and BENCH_CONFLICTS conflicts in every
 * state (a tenth open, a third in resolution at stages 1 to 3, a fair share of them overdue,
 * the rest closed), each raised by one member body against one or two others, with the
 * history the log's rows need. Set-based SQL as the owner, in one transaction.
 */
export async function generateConflicts(owner: Client, tenantId: string, adminId: string, localityId: string): Promise<number> {
  await owner.query('begin');
  try {
    const [{ version_id: versionId }] = (
      await owner.query<{ version_id: string }>(
        `with p as (insert into conflict_process (tenant_id, locality_id) values ($1, $2) returning id)
         insert into conflict_process_version (tenant_id, process_id, version, created_by_user_id, created_at)
         select $1::uuid, p.id, 1, $3::uuid, now() - interval '800 days' from p returning id as version_id`,
        [tenantId, localityId, adminId],
      )
    ).rows;
    await owner.query(
      `insert into conflict_process_stage (tenant_id, version_id, stage_number, name, owner, time_limit_days)
       values ($1, $2, 1, 'Discussion between the leads', 'Programme leads', 7),
              ($1, $2, 2, 'Mediation by the partnership coordinator', 'Partnership coordinator', 14),
              ($1, $2, 3, 'Partnership board', 'Chair of the partnership board', 28)`,
      [tenantId, versionId],
    );
    await owner.query(
      `update conflict_process_version set agreed_on = current_date - 790, agreement_recorded_at = now() - interval '790 days',
              agreement_recorded_by_user_id = $2 where id = $1`,
      [versionId, adminId],
    );
    // The member bodies numbered 0 to 39, then the conflicts' states and who is involved.
    await owner.query(`create temp table w_member (organisation_id uuid, s int) on commit drop`);
    await owner.query(
      `insert into w_member select organisation_id, (row_number() over (order by organisation_id) - 1)::int
         from membership where tenant_id = $1 and locality_id = $2 and left_on is null`,
      [tenantId, localityId],
    );
    await owner.query(
      `create temp table w_conflict on commit drop as
       select gen_random_uuid() as id, k,
              (array['OPEN','OPEN','ACKNOWLEDGED','IN_RESOLUTION','IN_RESOLUTION','IN_RESOLUTION','RESOLVED','RESOLVED','RESOLVED','CLOSED_UNRESOLVED'])[1 + k % 10] as status,
              1 + k % 3 as stage, now() - make_interval(days => 3 + k * 6) as opened_at,
              (select organisation_id from w_member where s = k % 40) as raiser_id,
              (select organisation_id from w_member where s = (k + 1) % 40) as party1_id,
              case when k % 4 = 0 then (select organisation_id from w_member where s = (k + 7) % 40) end as party2_id
         from generate_series(0, ${BENCH_CONFLICTS - 1}) k`,
    );
    await owner.query(
      `insert into conflict (tenant_id, id, locality_id, raised_by_organisation_id, raised_by_user_id, category, severity, title, description,
                             status, opened_at, acknowledged_at, acknowledged_by_user_id, process_version_id, resolution_started_at,
                             current_stage, stage_started_on, stage_due_on, closed_at, closed_by_user_id, outcome, close_reason)
       select $1::uuid, w.id, $2::uuid, w.raiser_id, $3::uuid,
              (array['RESOURCES','PRIORITIES','DATA_SHARING','ACCOUNTABILITY','CULTURE','OTHER'])[1 + w.k % 6],
              (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + w.k % 4],
              'Conflict ' || w.k, 'A benchmark conflict.', w.status, w.opened_at,
              case when w.status <> 'OPEN' then w.opened_at + interval '1 day' end,
              case when w.status <> 'OPEN' then $3::uuid end,
              case when w.status = 'IN_RESOLUTION' then $4::uuid end,
              case when w.status = 'IN_RESOLUTION' then w.opened_at + interval '2 days' end,
              case when w.status = 'IN_RESOLUTION' then w.stage end,
              case when w.status = 'IN_RESOLUTION' then current_date - w.k % 40 end,
              case when w.status = 'IN_RESOLUTION' then current_date - w.k % 40 + (array[7, 14, 28])[w.stage] end,
              case when w.status in ('RESOLVED', 'CLOSED_UNRESOLVED') then least(w.opened_at + interval '20 days', now() - interval '1 hour') end,
              case when w.status in ('RESOLVED', 'CLOSED_UNRESOLVED') then $3::uuid end,
              case when w.status = 'RESOLVED' then 'Agreed a way forward.' end,
              case when w.status = 'CLOSED_UNRESOLVED' then 'The bodies could not agree.' end
         from w_conflict w`,
      [tenantId, localityId, adminId, versionId],
    );
    await owner.query(
      `insert into conflict_party (tenant_id, conflict_id, organisation_id)
       select $1::uuid, id, party1_id from w_conflict union all select $1::uuid, id, party2_id from w_conflict where party2_id is not null`,
      [tenantId],
    );
    await owner.query(
      `insert into conflict_event (tenant_id, conflict_id, kind, from_status, to_status, actor_user_id, actor_organisation_id, occurred_at)
       select $1::uuid, id, 'RAISED', null, 'OPEN', $2::uuid, raiser_id, opened_at from w_conflict`,
      [tenantId, adminId],
    );
    await owner.query('commit');
  } catch (error) {
    await owner.query('rollback').catch(() => undefined);
    throw error;
  }
  return BENCH_CONFLICTS;
}
