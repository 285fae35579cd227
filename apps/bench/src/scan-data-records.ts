import type { DataSpec, DataStep } from './scan-data';
import { COMPETENCIES } from './scan-data-registry';

/**
 * The governance records of the programmes the registry steps made: roles and who holds
 * them, conflict processes and conflicts, improvement measures, reviews and actions,
 * briefings and acknowledgements, alignment requests, milestones and recognitions. Each
 * kind comes in every state the schema allows, in proportions where some rules raise and
 * most subjects pass.
 */
/** Three stages for each version in b_version that matches `filter`. */
const STAGES = (filter: string) => `
        insert into conflict_process_stage (tenant_id, version_id, stage_number, name, owner, time_limit_days)
        select v.tenant_id, v.id, s,
               (array['Talk it through', 'Mediation', 'Partnership board decision'])[s],
               (array['The bodies involved', 'An independent mediator', 'The partnership board'])[s],
               (array[14, 21, 30])[s]
          from b_version v cross join generate_series(1, 3) s
         where v.${filter};`;

export function recordSteps({ day }: DataSpec): DataStep[] {
  const D = `date '${day}'`;
  const LATEST = `(${D} + time '23:00')`;
  return [
    {
      // Four roles per ACTIVE programme (two required), two per other programme. Most ACTIVE
      // roles are held; in every fifth locality the council's first person holds role 0 of all
      // four ACTIVE programmes. A third have an earlier holder who left.
      label: 'programme roles, required competencies and assignments',
      sql: `
        create temp table b_role on commit drop as
        select y.*,
               case when y.had_prior and y.held then y.assigned_at - interval '1 day'
                    when y.had_prior then greatest(y.starts_on + 2, ${D} - pg_temp.ri('vacated:' || y.rkey, 120)) + time '10:00' end as prior_ended_at
          from (select x.*,
                       case when x.overloaded_role then 0 else 1 + pg_temp.ri('holder:' || x.rkey, x.c - 1) end as holder_rank,
                       case when x.overloaded_role then 0 else pg_temp.ri('holder-person:' || x.rkey, 3) end as holder_p,
                       case when pg_temp.r('selection:' || x.rkey) < 0.6 then 'OPEN_SELECTION'
                            when pg_temp.r('selection:' || x.rkey) < 0.85 then 'APPOINTED' else 'DEFAULTED' end as selection,
                       round((1 - 0.6 * pg_temp.r('fit:' || x.rkey) ^ 2)::numeric, 3) as fit,
                       least(x.starts_on + 5 + pg_temp.ri('assigned:' || x.rkey, 40), ${D} - 1) + time '10:00' as assigned_at,
                       x.status = 'ACTIVE' and not x.retired and pg_temp.r('prior:' || x.rkey) < 0.3 as had_prior
                  from (select p.tenant_id, p.admin_id, p.id as programme_id, p.key, p.j, p.status, p.starts_on, p.c, rr,
                               p.key || ':' || rr as rkey, pg_temp.bench_id('bench-role:' || p.key || ':' || rr) as id,
                               p.overloaded and rr = 0 and p.status = 'ACTIVE' as overloaded_role,
                               p.status = 'ACTIVE' and rr = 3 and pg_temp.r('retired:' || p.key) < 0.1 as retired,
                               p.status = 'ACTIVE' and not (rr = 3 and pg_temp.r('retired:' || p.key) < 0.1)
                                 and ((p.overloaded and rr = 0) or pg_temp.r('held:' || p.key || ':' || rr) < 0.78) as held
                          from b_programme p cross join generate_series(0, 3) rr
                         where rr < case when p.status = 'ACTIVE' then 4 else 2 end) x) y;
        insert into programme_role (tenant_id, id, programme_id, title, responsibilities, required_for_programme, vacant_since,
                                    retired_at, retire_reason, created_at)
        select tenant_id, id, programme_id, 'Role ' || rr, 'A benchmark role.', rr < 2,
               coalesce(prior_ended_at::date, greatest(coalesce(starts_on, ${D} - 30), ${D} - pg_temp.ri('vacant:' || rkey, 150))),
               case when retired then (${D} - 10) + time '10:00' end, case when retired then 'No longer needed.' end,
               (coalesce(starts_on, ${D}) - 30) + time '09:00'
          from b_role;
        insert into programme_role_competency (tenant_id, role_id, name, min_level)
        select tenant_id, id, (${COMPETENCIES})[1 + (j + rr) % 8], 2 + pg_temp.ri('min-level:' || rkey, 3) from b_role
        union all
        select tenant_id, id, (${COMPETENCIES})[1 + (j + rr + 3) % 8], 2 + pg_temp.ri('min-level-2:' || rkey, 3) from b_role;
        -- Earlier holders first: the vacancy trigger clears vacant_since only for a current holder.
        insert into role_assignment (tenant_id, programme_id, role_id, person_id, organisation_id, selection_method, rationale,
                                     fit_at_assignment, assigned_by_user_id, assigned_at, ended_at, end_cause, end_reason, ended_by_user_id)
        select r.tenant_id, r.programme_id, r.id, pe.id, pe.organisation_id, 'OPEN_SELECTION', null, 0.7, r.admin_id,
               (r.starts_on + 1) + time '10:00', r.prior_ended_at, 'VACATED', 'Moved to another post.', r.admin_id
          from b_role r
          join b_participant pa on pa.programme_id = r.programme_id and pa.rank = (r.holder_rank + 1) % r.c
          join b_person pe on pe.organisation_id = pa.organisation_id and pe.p = 1
         where r.had_prior;
        insert into role_assignment (tenant_id, programme_id, role_id, person_id, organisation_id, selection_method, rationale,
                                     fit_at_assignment, assigned_by_user_id, assigned_at)
        select r.tenant_id, r.programme_id, r.id, pe.id, pe.organisation_id, r.selection,
               case r.selection when 'APPOINTED' then 'Appointed by the board for continuity.'
                                when 'DEFAULTED' then 'It is always the council''s head of service.' end,
               r.fit, r.admin_id, r.assigned_at
          from b_role r
          join b_participant pa on pa.programme_id = r.programme_id and pa.rank = r.holder_rank
          join b_person pe on pe.organisation_id = pa.organisation_id and pe.p = r.holder_p
         where r.held;
        -- Most holders were chosen for the role: they have its competencies at the level it needs
        -- (the rest keep what they had, and often fall short).
        insert into person_competency (tenant_id, person_id, name, level)
        select a.tenant_id, a.person_id, c.name, max(c.min_level)
          from b_role r
          join role_assignment a on a.tenant_id = r.tenant_id and a.role_id = r.id and a.ended_at is null
          join programme_role_competency c on c.tenant_id = r.tenant_id and c.role_id = r.id
         where r.fit >= 0.6
         group by a.tenant_id, a.person_id, c.name
        on conflict (tenant_id, person_id, name) do update set level = greatest(person_competency.level, excluded.level);`,
    },
    {
      // 60 % of localities have an agreed process (some with a new draft); a quarter of ACTIVE
      // programmes have their own, of which 30 % were never agreed.
      label: 'conflict resolution processes, versions and stages',
      sql: `
        create temp table b_process on commit drop as
        select tenant_id, admin_id, pg_temp.bench_id('bench-process:locality:' || n) as id, id as locality_id, null::uuid as programme_id,
               true as agreed, pg_temp.r('redraft:' || n) < 0.3 as redraft, ${D} - 600 as created_on
          from b_locality where has_process
        union all
        select tenant_id, admin_id, pg_temp.bench_id('bench-process:programme:' || key), null, id, own_process = 'AGREED', false, starts_on
          from b_programme where own_process is not null;
        insert into conflict_process (tenant_id, id, locality_id, programme_id, created_at)
        select tenant_id, id, locality_id, programme_id, created_on + time '10:00' from b_process;

        create temp table b_version on commit drop as
        select p.tenant_id, p.admin_id, pg_temp.bench_id('bench-version:' || p.id || ':1') as id, p.id as process_id, 1 as version,
               p.agreed, p.created_on, p.locality_id, p.programme_id
          from b_process p
        union all
        select p.tenant_id, p.admin_id, pg_temp.bench_id('bench-version:' || p.id || ':2'), p.id, 2, false, ${D} - 30, p.locality_id, p.programme_id
          from b_process p where p.redraft;
        -- Version 1 with its stages, agreed once they exist (as the version guard demands);
        -- then the new drafts (one draft per process at a time).
        insert into conflict_process_version (tenant_id, id, process_id, version, created_by_user_id, created_at)
        select tenant_id, id, process_id, version, admin_id, created_on + time '10:00' from b_version where version = 1;
        ${STAGES('version = 1')}
        update conflict_process_version cv
           set agreed_on = v.created_on + 7, agreement_recorded_at = (v.created_on + 7) + time '12:00',
               agreement_recorded_by_user_id = v.admin_id
          from b_version v
         where cv.tenant_id = v.tenant_id and cv.id = v.id and v.agreed;
        insert into conflict_process_version (tenant_id, id, process_id, version, created_by_user_id, created_at)
        select tenant_id, id, process_id, version, admin_id, created_on + time '10:00' from b_version where version = 2;
        ${STAGES('version = 2')}
        create temp table b_agreed_version on commit drop as
        select locality_id, programme_id, id from b_version where agreed and version = 1;`,
    },
    {
      // Up to five conflicts per ACTIVE programme and one locality-wide conflict in half the
      // localities, in every state; conflicts follow the programme's agreed process, else the
      // locality's. In the 30 % of localities prone to it, far more conflicts close unresolved.
      label: 'conflicts, parties and history',
      sql: `
        create temp table b_conflict on commit drop as
        select z.*,
               case when z.status = 'OPEN' then null
                    when z.status = 'IN_RESOLUTION' then z.resolution_started_at - interval '2 days'
                    else z.opened_at + interval '2 days' end as acknowledged_at,
               case when z.status in ('RESOLVED', 'CLOSED_UNRESOLVED')
                    then least(z.opened_at + make_interval(days => 5 + pg_temp.ri('closed:' || z.ckey, 60)), (${D} - 1) + time '15:00') end as closed_at
          from (select y.*,
                       case y.status
                         when 'OPEN' then (${D} - pg_temp.ri('age:' || y.ckey, 12)) + time '09:00'
                         when 'ACKNOWLEDGED' then (${D} - 10 - pg_temp.ri('age:' || y.ckey, 30)) + time '09:00'
                         when 'IN_RESOLUTION' then y.resolution_started_at - make_interval(days => 3 + pg_temp.ri('age:' || y.ckey, 5))
                         else (${D} - 20 - pg_temp.ri('age:' || y.ckey, 480)) + time '09:00' end as opened_at
                  from (select x.*,
                               case when x.status = 'IN_RESOLUTION' then (x.stage_started_on - (x.stage - 1) * 15) + time '10:00' end as resolution_started_at
                          from (select w.*,
                                       case when w.v < 0.12 then 'OPEN'
                                            when w.v < 0.24 or (w.v < 0.5 and w.version_id is null) then 'ACKNOWLEDGED'
                                            when w.v < 0.5 then 'IN_RESOLUTION'
                                            when w.v < case when w.unresolved_prone then 0.7 else 0.92 end then 'RESOLVED'
                                            else 'CLOSED_UNRESOLVED' end as status,
                                       1 + pg_temp.ri('stage:' || w.ckey, 3) as stage,
                                       ${D} - pg_temp.ri('stage-started:' || w.ckey, 40) as stage_started_on
                                  from (select p.tenant_id, p.admin_id, p.locality_id, p.id as programme_id, p.key || ':' || k as ckey,
                                               p.unresolved_prone, coalesce(pv.id, lv.id) as version_id,
                                               raiser.organisation_id as raiser_id, party1.organisation_id as party1_id,
                                               case when pg_temp.r('second-party:' || p.key || ':' || k) < 0.4 then party2.organisation_id end as party2_id,
                                               pg_temp.r('conflict-state:' || p.key || ':' || k) as v
                                          from b_programme p cross join generate_series(0, 4) k
                                          join b_participant raiser on raiser.programme_id = p.id and raiser.rank = k % p.c
                                          join b_participant party1 on party1.programme_id = p.id and party1.rank = (k + 1) % p.c
                                          join b_participant party2 on party2.programme_id = p.id and party2.rank = (k + 2) % p.c
                                          left join b_agreed_version pv on pv.programme_id = p.id
                                          left join b_agreed_version lv on lv.locality_id = p.locality_id
                                         where p.status = 'ACTIVE' and k < pg_temp.ri('conflicts:' || p.key, 6)
                                        union all
                                        select l.tenant_id, l.admin_id, l.id, null, 'L' || l.n, l.unresolved_prone, lv.id,
                                               o0.id, o1.id, null, pg_temp.r('conflict-state:L' || l.n)
                                          from b_locality l
                                          join b_org o0 on o0.locality_id = l.id and o0.s = 0
                                          join b_org o1 on o1.locality_id = l.id and o1.s = 1
                                          left join b_agreed_version lv on lv.locality_id = l.id
                                         where pg_temp.r('locality-conflict:' || l.n) < 0.5) w) x) y) z;
        alter table b_conflict add column id uuid;
        update b_conflict set id = pg_temp.bench_id('bench-conflict:' || ckey);
        insert into conflict (tenant_id, id, locality_id, programme_id, raised_by_organisation_id, raised_by_user_id, category, severity,
                              title, description, status, opened_at, acknowledged_at, acknowledged_by_user_id, process_version_id,
                              resolution_started_at, current_stage, stage_started_on, stage_due_on, closed_at, closed_by_user_id,
                              outcome, close_reason, updated_at)
        select tenant_id, id, locality_id, programme_id, raiser_id, admin_id,
               (array['RESOURCES', 'PRIORITIES', 'DATA_SHARING', 'ACCOUNTABILITY', 'CULTURE', 'OTHER'])[1 + pg_temp.ri('category:' || ckey, 6)],
               (array['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])[1 + pg_temp.ri('severity:' || ckey, 4)],
               'Conflict ' || ckey, 'A benchmark conflict.', status, opened_at, acknowledged_at,
               case when acknowledged_at is not null then admin_id end,
               case when status = 'IN_RESOLUTION' then version_id end, resolution_started_at,
               case when status = 'IN_RESOLUTION' then stage end,
               case when status = 'IN_RESOLUTION' then stage_started_on end,
               case when status = 'IN_RESOLUTION' then stage_started_on + (array[14, 21, 30])[stage] end,
               closed_at, case when closed_at is not null then admin_id end,
               case when status = 'RESOLVED' then 'Agreed a way forward.' end,
               case when status = 'CLOSED_UNRESOLVED' then 'The bodies could not agree.' end,
               coalesce(closed_at, resolution_started_at, acknowledged_at, opened_at)
          from b_conflict;
        insert into conflict_party (tenant_id, conflict_id, organisation_id)
        select tenant_id, id, party1_id from b_conflict
        union all
        select tenant_id, id, party2_id from b_conflict where party2_id is not null;
        insert into conflict_event (tenant_id, conflict_id, kind, from_status, to_status, stage, stage_due_on, note, actor_user_id,
                                    actor_organisation_id, occurred_at)
        select tenant_id, id, 'RAISED', null::text, 'OPEN', null::smallint, null::date, null::text, admin_id, raiser_id, opened_at from b_conflict
        union all
        select tenant_id, id, 'ACKNOWLEDGED', 'OPEN', 'ACKNOWLEDGED', null, null, null, admin_id, party1_id, acknowledged_at
          from b_conflict where acknowledged_at is not null
        union all
        select tenant_id, id, 'RESOLUTION_STARTED', 'ACKNOWLEDGED', 'IN_RESOLUTION', 1, null, null, admin_id, null, resolution_started_at
          from b_conflict where status = 'IN_RESOLUTION'
        union all
        select tenant_id, id, 'ESCALATED', 'IN_RESOLUTION', 'IN_RESOLUTION', stage, stage_started_on + (array[14, 21, 30])[stage], null,
               admin_id, null, stage_started_on + time '10:00'
          from b_conflict where status = 'IN_RESOLUTION' and stage > 1
        union all
        select tenant_id, id, status, 'ACKNOWLEDGED', status, null, null, 'Closed.', admin_id, null, closed_at
          from b_conflict where closed_at is not null;`,
    },
    {
      // Completed reviews every cadence (the last four kept); a quarter of programmes lag one
      // or two reviews behind. The review the activation trigger scheduled is moved to the
      // date that follows the last completed one. 15 % of programmes have no measures.
      label: 'improvement measures, reviews, values and actions',
      sql: `
        create temp table b_improvement on commit drop as
        select p.tenant_id, p.admin_id, p.id as programme_id, p.key, p.c, p.starts_on, p.cadence,
               case when pg_temp.r('lagging:' || p.key) < 0.25 then greatest(0, p.due - 1 - pg_temp.ri('lag:' || p.key, 2)) else p.due end as completed,
               case when pg_temp.r('no-measures:' || p.key) < 0.15 then 0 else 1 + pg_temp.ri('measures:' || p.key, 3) end as measures
          from (select *, (${D} - starts_on) / cadence as due from b_programme where status = 'ACTIVE') p;
        create temp table b_review on commit drop as
        select i.*, n, pg_temp.bench_id('bench-review:' || i.key || ':' || n) as id, i.starts_on + (n - 1) * i.cadence as period_start,
               least(i.starts_on + n * i.cadence + pg_temp.ri('late:' || i.key || ':' || n, 10), ${D} - 1) as completed_on
          from b_improvement i cross join lateral generate_series(greatest(1, i.completed - 3), i.completed) n;
        insert into improvement_review (tenant_id, id, programme_id, status, due_on, scheduled_at, period_start, period_end,
                                        effectiveness_rating, efficiency_rating, findings, completed_on, completed_at, completed_by_user_id)
        select tenant_id, id, programme_id, 'COMPLETED', starts_on + n * cadence, period_start + time '16:00', period_start, completed_on,
               1 + pg_temp.ri('effectiveness:' || id, 5), 1 + pg_temp.ri('efficiency:' || id, 5), 'Benchmark findings.',
               completed_on, completed_on + time '15:00', admin_id
          from b_review;
        update improvement_review ir
           set due_on = coalesce(last.completed_on, i.starts_on) + i.cadence, scheduled_at = coalesce(last.completed_on, i.starts_on) + time '16:00'
          from b_improvement i
          left join (select programme_id, max(completed_on) as completed_on from b_review group by programme_id) last
            on last.programme_id = i.programme_id
         where ir.tenant_id = i.tenant_id and ir.programme_id = i.programme_id and ir.status = 'SCHEDULED';

        create temp table b_measure on commit drop as
        select i.tenant_id, i.programme_id, i.key, i.starts_on, m, pg_temp.bench_id('bench-measure:' || i.key || ':' || m) as id,
               case when m % 2 = 0 then 'HIGHER_IS_BETTER' else 'LOWER_IS_BETTER' end as direction,
               case when m % 2 = 0 then 70.0 + m * 5 else 20.0 end as target
          from b_improvement i cross join generate_series(0, 2) m where m < i.measures;
        insert into improvement_measure (tenant_id, id, programme_id, name, unit, baseline, target, direction, created_at)
        select tenant_id, id, programme_id, 'Measure ' || m, '%',
               case direction when 'HIGHER_IS_BETTER' then target - 15 else target + 10 end, target, direction, starts_on + time '09:00'
          from b_measure;
        -- About 40 % of values miss their target, so a measure misses twice running about one time in six.
        insert into improvement_measure_value (tenant_id, review_id, measure_id, programme_id, value, target, direction, met)
        select tenant_id, review_id, measure_id, programme_id, value, target, direction,
               case direction when 'HIGHER_IS_BETTER' then value >= target else value <= target end
          from (select r.tenant_id, r.id as review_id, m.id as measure_id, m.programme_id, m.target, m.direction,
                       round((m.target * case m.direction when 'HIGHER_IS_BETTER' then 0.8 + 0.5 * u else 1.2 - 0.5 * u end)::numeric, 1)::float8 as value
                  from b_review r join b_measure m on m.programme_id = r.programme_id
                  cross join lateral (select pg_temp.r('value:' || r.id || ':' || m.id) as u) x) v;
        insert into improvement_action (tenant_id, programme_id, review_id, description, owner_person_id, raised_on, due_on, status, closed_on, created_at)
        select tenant_id, programme_id, review_id, 'A benchmark improvement action.', owner_id, raised_on, due_on,
               case when due_on > ${D} then case when v < 0.2 then 'DONE' else 'OPEN' end
                    when v < 0.55 then 'DONE' when v < 0.65 then 'DROPPED' else 'OPEN' end,
               case when due_on > ${D} then case when v < 0.2 then least(raised_on + 10, ${D}) end
                    when v < 0.55 then greatest(raised_on, due_on - pg_temp.ri('done:' || review_id || ':' || a, 10))
                    when v < 0.65 then least(raised_on + 5, ${D}) end,
               raised_on + time '15:00'
          from (select r.tenant_id, r.programme_id, r.id as review_id, a, pe.id as owner_id, r.completed_on as raised_on,
                       r.completed_on + 30 + pg_temp.ri('action-due:' || r.id || ':' || a, 60) as due_on,
                       pg_temp.r('action-state:' || r.id || ':' || a) as v
                  from b_review r cross join generate_series(0, 1) a
                  join b_participant pa on pa.programme_id = r.programme_id and pa.rank = (a + r.n) % r.c
                  join b_person pe on pe.organisation_id = pa.organisation_id and pe.p = 0
                 where a < pg_temp.ri('actions:' || r.id, 3)) x;`,
    },
    {
      // Up to six briefings about five weeks apart; a fifth of programmes went quiet 70 days
      // ago, a tenth never briefed. 15 % of bodies acknowledge a quarter of what they get.
      label: 'briefings, recipients and acknowledgements',
      sql: `
        create temp table b_briefing on commit drop as
        select p.tenant_id, p.admin_id, p.id as programme_id, p.key, i, pg_temp.bench_id('bench-briefing:' || p.key || ':' || i) as id,
               ${D} - (case when pg_temp.r('quiet:' || p.key) < 0.2 then 70 else 0 end + pg_temp.ri('last-briefing:' || p.key, 25) + i * 35) as issued_on
          from b_programme p cross join generate_series(0, 5) i
         where p.status = 'ACTIVE' and pg_temp.r('never-briefed:' || p.key) >= 0.1 and i <= pg_temp.ri('briefings:' || p.key, 6);
        delete from b_briefing b using b_programme p where p.id = b.programme_id and b.issued_on < p.starts_on;
        insert into briefing (tenant_id, id, programme_id, title, summary, issued_on, issued_by_user_id)
        select tenant_id, id, programme_id, 'Briefing ' || i, 'A benchmark briefing.', issued_on, admin_id from b_briefing;
        -- Recipients are fixed by the guard to this transaction and to the current participants.
        insert into briefing_recipient (tenant_id, briefing_id, organisation_id)
        select b.tenant_id, b.id, pa.organisation_id from b_briefing b join b_participant pa on pa.programme_id = b.programme_id;
        create temp table b_acknowledgement on commit drop as
        select b.tenant_id, b.admin_id, b.id as briefing_id, pa.organisation_id, b.id || ':' || pa.rank as akey,
               (b.issued_on + 1 + pg_temp.ri('acknowledged:' || b.id || ':' || pa.rank, 9)) + time '11:00' as acknowledged_at,
               (array['LEADERSHIP_ONLY', 'MANAGERS', 'FRONT_LINE', 'WHOLE_ORGANISATION'])[1 + pg_temp.ri('cascade:' || b.id || ':' || pa.rank, 4)] as cascade_level
          from b_briefing b join b_participant pa on pa.programme_id = b.programme_id
         where pg_temp.r('acknowledges:' || b.id || ':' || pa.rank) < case when pa.poor_ack then 0.25 else 0.85 end;
        delete from b_acknowledgement where acknowledged_at > ${LATEST};
        insert into briefing_acknowledgement (tenant_id, briefing_id, organisation_id, cascade_level, acknowledged_by_user_id, acknowledged_at)
        select tenant_id, briefing_id, organisation_id, cascade_level, admin_id, acknowledged_at from b_acknowledgement;`,
    },
    {
      // A second statement: the trigger that makes an acknowledgement current must see the first one committed to its row.
      label: 'briefing re-acknowledgements',
      sql: `
        insert into briefing_acknowledgement (tenant_id, briefing_id, organisation_id, cascade_level, note, acknowledged_by_user_id, acknowledged_at)
        select tenant_id, briefing_id, organisation_id, 'WHOLE_ORGANISATION', 'Passed on to the whole organisation.', admin_id,
               acknowledged_at + interval '3 days'
          from b_acknowledgement
         where pg_temp.r('re-acknowledges:' || akey) < 0.05 and acknowledged_at + interval '3 days' <= ${LATEST};`,
    },
    {
      // Up to four requests per ACTIVE programme between participants, the first always to the
      // locality's second body, which declines most of what it is asked in 40 % of localities
      // (as do 5 % of the other bodies).
      label: 'alignment requests and history',
      sql: `
        create temp table b_alignment on commit drop as
        select y.*,
               y.requested_on + time '09:00' as requested_at,
               case when y.response is not null then least(y.requested_on + 1 + pg_temp.ri('answered:' || y.akey, 20), ${D}) end as responded_on,
               case when y.status = 'WITHDRAWN' then (y.requested_on + 3) + time '10:00' end as withdrawn_at
          from (select x.*,
                       case when x.status = 'REQUESTED' then ${D} - pg_temp.ri('asked:' || x.akey, 40)
                            else ${D} - 20 - pg_temp.ri('asked:' || x.akey, 340) end as requested_on,
                       case when x.status = 'DECLINED' then 'DECLINED' when x.status in ('AGREED', 'ADAPTED') then 'AGREED' end as response
                  from (select w.*,
                               case when pg_temp.r('declines:' || w.akey) < case when w.decliner then 0.7 else 0.12 end then 'DECLINED'
                                    when pg_temp.r('request-state:' || w.akey) < 0.25 then 'REQUESTED'
                                    when pg_temp.r('request-state:' || w.akey) < 0.5 then 'AGREED'
                                    when pg_temp.r('request-state:' || w.akey) < 0.9 then 'ADAPTED'
                                    else 'WITHDRAWN' end as status
                          from (select p.tenant_id, p.admin_id, p.id as programme_id, p.locality_id, p.key || ':' || k as akey,
                                       pg_temp.bench_id('bench-alignment:' || p.key || ':' || k) as id,
                                       rq.organisation_id as requesting_id, tg.organisation_id as target_id, tg.decliner
                                  from b_programme p cross join generate_series(0, 3) k
                                  join b_participant rq on rq.programme_id = p.id and rq.rank = k % p.c
                                  join b_participant tg on tg.programme_id = p.id
                                   and tg.rank = case when k = 0 then 1 else (k % p.c + 1 + pg_temp.ri('target:' || p.key || ':' || k, p.c - 1)) % p.c end
                                 where p.status = 'ACTIVE' and k < pg_temp.ri('requests:' || p.key, 5)) w) x) y;
        alter table b_alignment add column planned_on date, add column adapted_on date;
        update b_alignment set planned_on = responded_on + 10 + pg_temp.ri('planned:' || akey, 80) where response = 'AGREED';
        update b_alignment set adapted_on = least(planned_on, ${D}) where status = 'ADAPTED';
        insert into alignment_request (tenant_id, id, programme_id, locality_id, requesting_organisation_id, target_organisation_id, kind,
                                       title, description, status, requested_by_user_id, requested_at, requested_on, response_due_on,
                                       response, responded_at, responded_on, responded_by_user_id, planned_on, decline_reason,
                                       adapted_on, adapted_recorded_at, adapted_by_user_id, withdrawn_at, withdrawn_by_user_id,
                                       withdrawal_reason, updated_at)
        select tenant_id, id, programme_id, locality_id, requesting_id, target_id,
               (array['DATA_SHARING', 'REFERRAL_PROCESS', 'IT_SYSTEM', 'POLICY', 'BUDGET', 'WORKFORCE', 'OTHER'])[1 + pg_temp.ri('kind:' || akey, 7)],
               'Request ' || akey, 'A benchmark alignment request.', status, admin_id, requested_at, requested_on, requested_on + 14,
               response, responded_on + time '10:00', responded_on, case when response is not null then admin_id end, planned_on,
               case when response = 'DECLINED' then 'It does not fit our systems.' end,
               adapted_on, adapted_on + time '11:00', case when adapted_on is not null then admin_id end,
               withdrawn_at, case when withdrawn_at is not null then admin_id end,
               case when withdrawn_at is not null then 'No longer needed.' end,
               coalesce(adapted_on + time '11:00', responded_on + time '10:00', withdrawn_at, requested_at)
          from b_alignment;
        insert into alignment_request_event (tenant_id, request_id, from_status, to_status, planned_on, adapted_on, note, actor_user_id,
                                             actor_organisation_id, occurred_at)
        select tenant_id, id, null::text, 'REQUESTED', null::date, null::date, null::text, admin_id, requesting_id, requested_at from b_alignment
        union all
        select tenant_id, id, 'REQUESTED', response, planned_on, null, null, admin_id, target_id, responded_on + time '10:00'
          from b_alignment where response is not null
        union all
        select tenant_id, id, 'AGREED', 'ADAPTED', planned_on, adapted_on, null, admin_id, target_id, adapted_on + time '11:00'
          from b_alignment where status = 'ADAPTED'
        union all
        select tenant_id, id, 'REQUESTED', 'WITHDRAWN', null, null, 'No longer needed.', admin_id, requesting_id, withdrawn_at
          from b_alignment where status = 'WITHDRAWN';`,
    },
    {
      // Two to four milestones per ACTIVE programme every 60 days from its start; three in
      // four of those due are achieved, and just over half of the achieved are recognised.
      // Seven in ten participants were also thanked for their work at some point in 400 days.
      label: 'milestones, contributors and recognitions',
      sql: `
        create temp table b_milestone on commit drop as
        select y.*,
               case when y.due_on <= ${D} + 10 and pg_temp.r('achieved:' || y.mkey) < 0.75
                    then least(${D}, greatest(y.starts_on, y.due_on - 10 + pg_temp.ri('achieved-on:' || y.mkey, 30))) end as achieved_on
          from (select p.tenant_id, p.admin_id, p.id as programme_id, p.key, p.c, p.starts_on, i, p.key || ':' || i as mkey,
                       pg_temp.bench_id('bench-milestone:' || p.key || ':' || i) as id, p.starts_on + (i + 1) * 60 as due_on
                  from b_programme p cross join generate_series(0, 3) i
                 where p.status = 'ACTIVE' and i < 2 + pg_temp.ri('milestones:' || p.key, 3)) y;
        insert into milestone (tenant_id, id, programme_id, name, due_on, achieved_on, achieved_by_user_id, created_by_user_id, created_at)
        select tenant_id, id, programme_id, 'Milestone ' || i, due_on, achieved_on, case when achieved_on is not null then admin_id end,
               admin_id, starts_on + time '09:00'
          from b_milestone;
        insert into milestone_contributor (tenant_id, milestone_id, programme_id, organisation_id, added_at)
        select m.tenant_id, m.id, m.programme_id, pa.organisation_id, m.starts_on + time '09:00'
          from b_milestone m cross join generate_series(0, 2) o
          join b_participant pa on pa.programme_id = m.programme_id and pa.rank = (m.i + o) % m.c
         where o = 0 or (o = 1 and pg_temp.r('contributor-1:' || m.mkey) < 0.6) or (o = 2 and pg_temp.r('contributor-2:' || m.mkey) < 0.3);
        insert into recognition (tenant_id, programme_id, milestone_id, credited_person_id, credited_organisation_id, recipient_organisation_id,
                                 reason, given_by_organisation_id, giver_organisation_id, given_on, visible_on_partnership_board,
                                 visible_in_own_organisation, visible_publicly, recorded_by_user_id)
        select m.tenant_id, m.programme_id, m.id, case when v.to_person then pe.id end, case when not v.to_person then pa.organisation_id end,
               pa.organisation_id, 'For ' || lower('Milestone ' || m.i) || '.', giver.organisation_id, giver.organisation_id,
               least(${D}, m.achieved_on + pg_temp.ri('recognised-on:' || m.mkey, 20)),
               v.board or not (v.own or v.public), v.own, v.public, m.admin_id
          from b_milestone m
          join b_participant pa on pa.programme_id = m.programme_id and pa.rank = m.i % m.c
          join b_person pe on pe.organisation_id = pa.organisation_id and pe.p = 0
          join b_participant giver on giver.programme_id = m.programme_id and giver.rank = 0
          cross join lateral (select pg_temp.r('to-person:' || m.mkey) < 0.4 as to_person, pg_temp.r('board:' || m.mkey) < 0.7 as board,
                                     pg_temp.r('own:' || m.mkey) < 0.5 as own, pg_temp.r('public:' || m.mkey) < 0.2 as public) v
         where m.achieved_on is not null and pg_temp.r('recognised:' || m.mkey) < 0.55
        union all
        select p.tenant_id, p.id, null, null, pa.organisation_id, pa.organisation_id, 'For steady work on the programme.',
               giver.organisation_id, giver.organisation_id,
               greatest(p.starts_on, ${D} - pg_temp.ri('thanked-on:' || p.key || ':' || pa.rank, 400)), true, false, false, p.admin_id
          from b_programme p
          join b_participant pa on pa.programme_id = p.id and pa.rank > 0
          join b_participant giver on giver.programme_id = p.id and giver.rank = 0
         where p.status = 'ACTIVE' and pg_temp.r('thanked:' || p.key || ':' || pa.rank) < 0.7;`,
    },
  ];
}
