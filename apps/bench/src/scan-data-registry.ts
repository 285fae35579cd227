import type { DataSpec, DataStep } from './scan-data';

const SECTORS = `array['LOCAL_AUTHORITY', 'HEALTH', 'CENTRAL_GOVERNMENT', 'POLICE', 'FIRE_AND_RESCUE', 'EDUCATION',
                       'HOUSING', 'PRIVATE', 'BUSINESS', 'COMMUNITY', 'VOLUNTARY']`;
export const COMPETENCIES = `array['Partnership working', 'Community engagement', 'Conflict resolution', 'Safeguarding',
                                   'Data analysis', 'Budget management', 'Project management', 'Public health']`;

/**
 * Tenants (one administrator each, who is the actor of every record), localities of 40
 * member bodies with three people each and their competencies, five programmes per
 * locality (four ACTIVE, one DRAFT or CLOSED) with 3–15 participants, and leadership:
 * agreed leaders (some re-confirmed, some past their re-confirmation date), open
 * nominations (some stalled, some opposed) and programmes with neither.
 */
export function registrySteps({ tenants, localities, day }: DataSpec): DataStep[] {
  const D = `date '${day}'`;
  const LATEST = `(${D} + time '23:00')`;
  return [
    {
      label: 'tenants and their administrators',
      sql: `
        create temp table b_tenant on commit drop as
        select k, pg_temp.bench_id('bench-tenant:' || k) as id, pg_temp.bench_id('bench-admin:' || k) as admin_id
          from generate_series(0, ${tenants - 1}) k;
        insert into tenant (id, slug, name, created_at)
        select id, 'bench-' || k, 'Benchmark tenant ' || k, ${D} - 1000 from b_tenant;
        insert into app_user (tenant_id, id, email, display_name, password_hash, role)
        select id, admin_id, 'admin@bench-' || k || '.test', 'Benchmark administrator', '!benchmark: no sign-in', 'TENANT_ADMIN'
          from b_tenant;`,
    },
    {
      label: 'localities, member bodies and memberships',
      sql: `
        create temp table b_locality on commit drop as
        select n, t.id as tenant_id, t.admin_id, pg_temp.bench_id('bench-locality:' || n) as id,
               pg_temp.r('unresolved:' || n) < 0.3 as unresolved_prone,
               pg_temp.r('process:' || n) < 0.6 as has_process,
               n % 5 = 0 as overloaded
          from generate_series(0, ${localities - 1}) n
          join b_tenant t on t.k = n % ${tenants};
        insert into locality (tenant_id, id, name, code, region, created_at)
        select tenant_id, id, 'Locality ' || n, 'L' || n, 'Region ' || (n % 12), ${D} - 1000 from b_locality;

        create temp table b_org on commit drop as
        select l.tenant_id, l.admin_id, l.id as locality_id, l.n, s, pg_temp.bench_id('bench-organisation:' || l.n || ':' || s) as id,
               pg_temp.r('poor-acknowledger:' || l.n || ':' || s) < 0.15 as poor_ack,
               (s = 1 and pg_temp.r('declining-locality:' || l.n) < 0.4) or pg_temp.r('decliner:' || l.n || ':' || s) < 0.05 as decliner
          from b_locality l cross join generate_series(0, 39) s;
        insert into organisation (tenant_id, id, name, sector, created_at)
        select tenant_id, id, 'Member body ' || s || ' of locality ' || n, (${SECTORS})[1 + s % 11], ${D} - 1000 from b_org;
        insert into membership (tenant_id, locality_id, organisation_id, joined_on)
        select tenant_id, locality_id, id, ${D} - 400 - pg_temp.ri('joined:' || n || ':' || s, 800) from b_org;
        create index on b_org (locality_id, s);
        analyze b_locality;
        analyze b_org;`,
    },
    {
      label: 'people and competencies',
      sql: `
        create temp table b_person on commit drop as
        select o.tenant_id, o.id as organisation_id, o.n, o.s, p, pg_temp.bench_id('bench-person:' || o.n || ':' || o.s || ':' || p) as id
          from b_org o cross join generate_series(0, 2) p;
        insert into person (tenant_id, id, organisation_id, full_name, job_title, email)
        select tenant_id, id, organisation_id, 'Person ' || p || ' of body ' || s || '/' || n,
               (array['Director', 'Service manager', 'Officer'])[p + 1], 'person' || p || '.' || s || '.' || n || '@bench.test'
          from b_person;
        insert into person_competency (tenant_id, person_id, name, level)
        select tenant_id, id, (${COMPETENCIES})[1 + (s + p + i * 3) % 8], 1 + pg_temp.ri('level:' || id || ':' || i, 5)
          from b_person cross join generate_series(0, 2) i;
        create index on b_person (organisation_id, p);
        analyze b_person;`,
    },
    {
      label: 'programmes (ACTIVE ones schedule their first review by trigger)',
      sql: `
        create temp table b_programme on commit drop as
        select x.*,
               case x.status when 'ACTIVE' then ${D} - 20 - pg_temp.ri('start:' || x.key, 700) when 'CLOSED' then ${D} - 900 end as starts_on,
               (array[60, 90, 90, 180])[1 + pg_temp.ri('cadence:' || x.key, 4)] as cadence,
               (array[12, 24])[1 + pg_temp.ri('term:' || x.key, 2)] as term_months,
               case when x.status = 'ACTIVE' then 3 + pg_temp.ri('size:' || x.key, 13) else 2 + pg_temp.ri('size:' || x.key, 3) end as c,
               case when x.status <> 'ACTIVE' then 'NONE'
                    when pg_temp.r('leadership:' || x.key) < 0.65 then 'AGREED'
                    when pg_temp.r('leadership:' || x.key) < 0.85 then 'OPEN'
                    else 'NONE' end as leadership,
               case when x.status <> 'ACTIVE' or pg_temp.r('own-process:' || x.key) >= 0.25 then null
                    when pg_temp.r('own-process-agreed:' || x.key) < 0.7 then 'AGREED'
                    else 'DRAFT' end as own_process,
               pg_temp.r('agreement-rule:' || x.key) < 0.3 as qualified_majority
          from (select l.tenant_id, l.admin_id, l.id as locality_id, l.n, l.overloaded, l.has_process, l.unresolved_prone, j,
                       l.n || ':' || j as key, pg_temp.bench_id('bench-programme:' || l.n || ':' || j) as id,
                       case when j < 4 then 'ACTIVE' when pg_temp.r('status:' || l.n) < 0.5 then 'DRAFT' else 'CLOSED' end as status
                  from b_locality l cross join generate_series(0, 4) j) x;
        insert into programme (tenant_id, id, locality_id, name, purpose, status, starts_on, ends_on, review_cadence_days,
                               agreement_rule, support_threshold, max_opposing, leader_term_months, created_at)
        select tenant_id, id, locality_id, 'Programme ' || j || ' of locality ' || n, 'A benchmark programme.', status, starts_on,
               case when status = 'CLOSED' then ${D} - 100 end, cadence,
               case when qualified_majority then 'QUALIFIED_MAJORITY' else 'UNANIMOUS' end,
               case when qualified_majority then 0.75 end, case when qualified_majority then 1 end,
               term_months, (coalesce(starts_on, ${D}) - 30) + time '09:00'
          from b_programme;
        create index on b_programme (id);
        analyze b_programme;`,
    },
    {
      // The locality's first two member bodies (its council and its NHS trust) take part in
      // every programme; the others by a hash. One more body joined and left in a fifth of the programmes.
      label: 'programme participants',
      sql: `
        create temp table b_participant on commit drop as
        select * from (
          select p.tenant_id, p.id as programme_id, p.key, p.c, p.status, p.starts_on, o.s, o.id as organisation_id, o.poor_ack, o.decliner,
                 (row_number() over (partition by p.id order by o.s <> 0, o.s <> 1, pg_temp.r('participant:' || p.key || ':' || o.s)) - 1)::int as rank
            from b_programme p join b_org o on o.locality_id = p.locality_id) ranked
         where rank <= c;
        insert into programme_participant (tenant_id, programme_id, organisation_id, joined_at, left_at)
        select tenant_id, programme_id, organisation_id, (coalesce(starts_on, ${D} - 30) - 10) + time '09:00',
               case when rank = c then least(starts_on + 30, ${D} - 1) + time '09:00' end
          from b_participant
         where rank < c or (starts_on is not null and pg_temp.r('left:' || key) < 0.2);
        delete from b_participant where rank >= c;
        create index on b_participant (programme_id, rank);
        analyze b_participant;`,
    },
    {
      label: 'leader nominations and endorsements',
      sql: `
        create temp table b_nomination on commit drop as
        select p.tenant_id, p.admin_id, p.id as programme_id, p.key, p.leadership, p.term_months,
               pg_temp.bench_id('bench-nomination:' || p.key) as id, pe.id as person_id,
               case p.leadership when 'AGREED' then (p.starts_on + 5) + time '10:00'
                    else (${D} - pg_temp.ri('nominated:' || p.key, 45)) + time '09:00' end as nominated_at,
               case when p.leadership = 'AGREED' then (p.starts_on + 15) + time '10:00' end as decided_at,
               pg_temp.r('opposed:' || p.key) < 0.35 as opposed
          from b_programme p
          join b_participant pa on pa.programme_id = p.id and pa.rank = 1
          join b_person pe on pe.organisation_id = pa.organisation_id and pe.p = 0
         where p.leadership in ('AGREED', 'OPEN');
        -- An earlier nomination, withdrawn, in half the programmes still without a leader.
        insert into leader_nomination (tenant_id, id, programme_id, person_id, status, nominated_by_user_id, nominated_at, decided_at)
        select p.tenant_id, pg_temp.bench_id('bench-withdrawn-nomination:' || p.key), p.id, pe.id, 'WITHDRAWN', p.admin_id,
               (p.starts_on + 3) + time '10:00', (p.starts_on + 10) + time '10:00'
          from b_programme p
          join b_participant pa on pa.programme_id = p.id and pa.rank = 2
          join b_person pe on pe.organisation_id = pa.organisation_id and pe.p = 0
         where p.status = 'ACTIVE' and p.leadership <> 'AGREED' and pg_temp.r('withdrawn:' || p.key) < 0.5;
        insert into leader_nomination (tenant_id, id, programme_id, person_id, status, nominated_by_user_id, nominated_at, decided_at)
        select tenant_id, id, programme_id, person_id, case leadership when 'AGREED' then 'AGREED' else 'OPEN' end, admin_id,
               nominated_at, decided_at
          from b_nomination;
        -- Agreed: every participant supported. Open: most have answered; in a third one body opposes
        -- (half of those supported first and changed their mind: endorsements are append-only).
        insert into endorsement (tenant_id, nomination_id, organisation_id, position, endorsed_by_user_id, endorsed_at)
        select n.tenant_id, n.id, pa.organisation_id,
               case when n.leadership = 'OPEN' and n.opposed and pa.rank = 2 then 'OPPOSE' else 'SUPPORT' end,
               n.admin_id, least(n.nominated_at + make_interval(days => 1 + pa.rank % 5), ${LATEST})
          from b_nomination n join b_participant pa on pa.programme_id = n.programme_id
         where n.leadership = 'AGREED' or (n.opposed and pa.rank = 2) or pg_temp.r('endorses:' || n.key || ':' || pa.rank) < 0.7
        union all
        select n.tenant_id, n.id, pa.organisation_id, 'SUPPORT', n.admin_id, n.nominated_at + interval '1 hour'
          from b_nomination n join b_participant pa on pa.programme_id = n.programme_id and pa.rank = 2
         where n.leadership = 'OPEN' and n.opposed and pg_temp.r('changed-mind:' || n.key) < 0.5;`,
    },
    {
      label: 'agreed leaders and re-confirmations',
      sql: `
        create temp table b_leader on commit drop as
        select n.tenant_id, n.admin_id, n.programme_id, n.key, n.person_id, n.id as nomination_id, n.term_months,
               pg_temp.bench_id('bench-leader:' || n.key) as id, n.decided_at as agreed_at,
               (n.decided_at::date + make_interval(months => n.term_months))::date as reconfirm_by
          from b_nomination n where n.leadership = 'AGREED';
        insert into programme_leader (tenant_id, id, programme_id, person_id, nomination_id, agreed_at, reconfirm_by)
        select tenant_id, id, programme_id, person_id, nomination_id, agreed_at, reconfirm_by from b_leader;

        -- Half the leaders whose term came round were re-confirmed, before the date.
        create temp table b_reconfirmation on commit drop as
        select l.*, pg_temp.bench_id('bench-reconfirmation:' || l.key) as reconfirmation_id,
               (l.reconfirm_by - 20) + time '10:00' as nominated_at, (l.reconfirm_by - 5) + time '10:00' as decided_at,
               (l.reconfirm_by + make_interval(months => l.term_months))::date as next_reconfirm_by
          from b_leader l
         where l.reconfirm_by - 5 <= ${D} and pg_temp.r('reconfirmed:' || l.key) < 0.5;
        insert into leader_nomination (tenant_id, id, programme_id, person_id, status, nominated_by_user_id, nominated_at, decided_at, kind, leader_id)
        select tenant_id, reconfirmation_id, programme_id, person_id, 'AGREED', admin_id, nominated_at, decided_at, 'RECONFIRMATION', id
          from b_reconfirmation;
        insert into endorsement (tenant_id, nomination_id, organisation_id, position, endorsed_by_user_id, endorsed_at)
        select r.tenant_id, r.reconfirmation_id, pa.organisation_id, 'SUPPORT', r.admin_id, r.nominated_at + make_interval(days => 1 + pa.rank % 5)
          from b_reconfirmation r join b_participant pa on pa.programme_id = r.programme_id;
        insert into leader_reconfirmation (tenant_id, leader_id, nomination_id, outcome, due_on, decided_at, reconfirmed_at, next_reconfirm_by)
        select tenant_id, id, reconfirmation_id, 'RECONFIRMED', reconfirm_by, decided_at, decided_at, next_reconfirm_by from b_reconfirmation;
        update programme_leader pl set reconfirm_by = r.next_reconfirm_by
          from b_reconfirmation r where pl.tenant_id = r.tenant_id and pl.id = r.id;

        -- A re-confirmation under way for some leaders past their date.
        insert into leader_nomination (tenant_id, id, programme_id, person_id, status, nominated_by_user_id, nominated_at, kind, leader_id)
        select pl.tenant_id, pg_temp.bench_id('bench-open-reconfirmation:' || l.key), pl.programme_id, pl.person_id, 'OPEN', l.admin_id,
               greatest(pl.agreed_at, (pl.reconfirm_by - 10) + time '10:00'), 'RECONFIRMATION', pl.id
          from b_leader l join programme_leader pl on pl.tenant_id = l.tenant_id and pl.id = l.id
         where pl.reconfirm_by <= ${D} and pg_temp.r('reconfirming:' || l.key) < 0.3;`,
    },
  ];
}
