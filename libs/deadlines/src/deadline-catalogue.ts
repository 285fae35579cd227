import { DeadlineKind } from './deadline';

/**
 * The one description of every deadline: for each kind, SQL over the domain tables that
 * yields one row per deadline and user who can act on it, with the columns
 * (user_id, id, kind, due_on, title, href). Read under the tenant's row-level security.
 *
 * Who can act follows the API's own rules: coordinators run reviews, leadership and
 * health checks; a member representative acts for their own organisation only, and is
 * given a conflict only when their organisation raised it or is a party to it, exactly
 * the conflicts whose details (the title) the API shows them. Tenant administrators and
 * reviewers act on none of these, except that reviewers are told when a round closes.
 */
export interface DeadlineSource {
  kind: DeadlineKind;
  /** Who can act on it, for the documentation and the reader. */
  whoCanAct: string;
  sql: string;
}

/** Active users of a role, as `u`, joined to the tenant of `alias`. */
const users = (alias: string, roles: string[]) =>
  `join app_user u on u.tenant_id = ${alias}.tenant_id and u.active and u.role in (${roles.map((role) => `'${role}'`).join(', ')})`;

/** Active representatives of organisation `organisation`, as `u`. */
const representatives = (alias: string, organisation: string) =>
  `join app_user u on u.tenant_id = ${alias}.tenant_id and u.active and u.role = 'MEMBER_REPRESENTATIVE' and u.organisation_id = ${organisation}`;

/** A UTC day of a timestamp. */
const utcDay = (column: string) => `(${column} at time zone 'UTC')::date`;

export const DEADLINE_SOURCES: readonly DeadlineSource[] = [
  {
    kind: DeadlineKind.CONFLICT_STAGE_DUE,
    whoCanAct: "coordinators, and the representatives of the organisation that raised it and of the parties",
    sql: `
      select u.id as user_id, 'conflict-stage-' || c.id || '-' || c.current_stage as id, c.stage_due_on as due_on,
             'Conflict stage ' || c.current_stage || coalesce(' (' || s.name || ')', '') || ' due: ' || c.title as title,
             '/records/conflicts/' || c.id as href
        from conflict c
        left join conflict_process_stage s
          on s.tenant_id = c.tenant_id and s.version_id = c.process_version_id and s.stage_number = c.current_stage
        join app_user u on u.tenant_id = c.tenant_id and u.active
       where c.status = 'IN_RESOLUTION'
         and (u.role = 'COORDINATOR'
              or (u.role = 'MEMBER_REPRESENTATIVE'
                  and (u.organisation_id = c.raised_by_organisation_id
                       or exists (select 1 from conflict_party cp
                                   where cp.tenant_id = c.tenant_id and cp.conflict_id = c.id and cp.organisation_id = u.organisation_id))))`,
  },
  {
    kind: DeadlineKind.IMPROVEMENT_REVIEW_DUE,
    whoCanAct: 'coordinators',
    sql: `
      select u.id as user_id, 'improvement-review-' || r.id as id, r.due_on,
             'Improvement review due: ' || p.name as title, '/records/improvement-reviews/' || r.id as href
        from improvement_review r
        join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id
        ${users('r', ['COORDINATOR'])}
       where r.status = 'SCHEDULED'`,
  },
  {
    kind: DeadlineKind.IMPROVEMENT_ACTION_DUE,
    whoCanAct: 'its owner when a user has the owner’s email address, else coordinators',
    sql: `
      select u.id as user_id, 'improvement-action-' || a.id as id, a.due_on,
             'Action due (' || p.name || '): ' || left(a.description, 150) as title,
             '/records/improvement-reviews/' || a.review_id as href
        from improvement_action a
        join programme p on p.tenant_id = a.tenant_id and p.id = a.programme_id
        join person owner on owner.tenant_id = a.tenant_id and owner.id = a.owner_person_id
        cross join lateral (
          select coalesce(
            (select array_agg(o.id) from app_user o
              where o.tenant_id = a.tenant_id and o.active and lower(o.email) = lower(owner.email)),
            (select array_agg(c.id) from app_user c
              where c.tenant_id = a.tenant_id and c.active and c.role = 'COORDINATOR')) as ids) who
        join app_user u on u.tenant_id = a.tenant_id and u.id = any (who.ids)
       where a.status = 'OPEN'`,
  },
  {
    kind: DeadlineKind.ALIGNMENT_ANSWER_DUE,
    whoCanAct: 'the representatives of the organisation asked',
    sql: `
      select u.id as user_id, 'alignment-answer-' || ar.id as id, ar.response_due_on as due_on,
             'Answer due: ' || ar.title as title,
             '/bodies/' || ar.target_organisation_id || '/alignment-requests/' || ar.id || '/answer' as href
        from alignment_request ar
        ${representatives('ar', 'ar.target_organisation_id')}
       where ar.status = 'REQUESTED'`,
  },
  {
    kind: DeadlineKind.ENDORSEMENT_WAITING,
    whoCanAct: 'the representatives of each taking-part organisation that has not endorsed it (due 7 days after the nomination)',
    sql: `
      select u.id as user_id, 'endorsement-' || n.id || '-' || pp.organisation_id as id, ${utcDay('n.nominated_at')} + 7 as due_on,
             case when n.kind = 'RECONFIRMATION' then 'Re-confirmation' else 'Nomination' end
               || ' waiting for your endorsement: ' || pe.full_name || ' to lead ' || p.name as title,
             '/bodies/' || pp.organisation_id || '/programmes/' || n.programme_id || '/nominations/' || n.id || '/endorse' as href
        from leader_nomination n
        join programme p on p.tenant_id = n.tenant_id and p.id = n.programme_id
        join person pe on pe.tenant_id = n.tenant_id and pe.id = n.person_id
        join programme_participant pp on pp.tenant_id = n.tenant_id and pp.programme_id = n.programme_id and pp.left_at is null
        ${representatives('pp', 'pp.organisation_id')}
       where n.status = 'OPEN'
         and not exists (select 1 from endorsement e
                          where e.tenant_id = n.tenant_id and e.nomination_id = n.id and e.organisation_id = pp.organisation_id)`,
  },
  {
    kind: DeadlineKind.LEADER_RECONFIRMATION_DUE,
    whoCanAct: 'coordinators',
    sql: `
      select u.id as user_id, 'leader-reconfirmation-' || l.id as id, l.reconfirm_by as due_on,
             'Leader re-confirmation due: ' || pe.full_name || ' (' || p.name || ')' as title,
             '/records/programmes/' || p.id as href
        from programme_leader l
        join programme p on p.tenant_id = l.tenant_id and p.id = l.programme_id and p.status <> 'CLOSED'
        join person pe on pe.tenant_id = l.tenant_id and pe.id = l.person_id
        ${users('l', ['COORDINATOR'])}
       where l.stepped_down_at is null`,
  },
  {
    kind: DeadlineKind.HEALTH_CHECK_ROUND_CLOSES,
    whoCanAct: 'coordinators and reviewers, until the round closes (early, when a coordinator closes it)',
    sql: `
      select u.id as user_id, 'health-check-round-' || sr.id as id, sr.closes_on as due_on,
             'Health check closes: ' || sr.title as title, '/health-check-rounds/rounds/' || sr.id as href
        from survey_round sr
        ${users('sr', ['COORDINATOR', 'REVIEWER'])}
       where sr.closed_at is null`,
  },
];

/**
 * One statement over every kind: the deadlines due in [$1, $2], of user $3 (or every
 * user when $3 is null), soonest first, at most $4, after the deadline ($5 day, $6 id,
 * $7 user) of the page before when $5 is given.
 */
export const DEADLINES_SQL = `
  select d.user_id, d.id, d.kind, d.due_on::text as due_on, d.title, d.href
    from (${DEADLINE_SOURCES.map(
      ({ kind, sql }) => `select s.user_id, s.id, '${kind}'::text as kind, s.due_on, s.title, s.href from (${sql}) s
        where s.due_on between $1::date and $2::date and ($3::uuid is null or s.user_id = $3::uuid)`,
    ).join('\n union all\n')}) d
   where $5::date is null or (d.due_on, d.id, d.user_id) > ($5::date, $6::text, $7::uuid)
   order by d.due_on, d.id, d.user_id
   limit $4`;
