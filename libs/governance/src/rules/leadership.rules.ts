import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** A date column as a coordinator reads it. */
const day = (date: string) => `to_char(${date}, 'YYYY-MM-DD')`;
/** A whole number of days in a sentence: '1 day', '3 days'. */
const days = (n: string) => `format('%s day%s', ${n}, case when (${n}) = 1 then '' else 's' end)`;
/** A timestamptz column's calendar day (UTC, as the scan reads dates). */
const dayOf = (instant: string) => `to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD')`;

/** The kind of a nomination in a sentence. */
const NOMINATION_OF = `case n.kind when 'RECONFIRMATION' then 're-confirmation' else 'nomination' end`;

/**
 * Current positions on open nominations: the latest endorsement of each organisation that
 * still takes part in the programme (as the agreement tally counts them).
 */
const CURRENT_POSITIONS = `
  select distinct on (e.organisation_id) e.organisation_id, e.position, e.endorsed_at
    from endorsement e
    join programme_participant pp on pp.tenant_id = e.tenant_id and pp.programme_id = n.programme_id
                                 and pp.organisation_id = e.organisation_id and pp.left_at is null
   where e.tenant_id = n.tenant_id and e.nomination_id = n.id
   order by e.organisation_id, e.endorsed_at desc, e.id desc`;

/** LEADERSHIP: programmes without an agreed leader, nominations that stall or meet opposition, terms that run out. */
export const LEADERSHIP_RULES: GovernanceRule[] = [
  {
    code: 'LEADERSHIP_NO_AGREED_LEADER',
    barrier: Barrier.LEADERSHIP,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description:
      'An ACTIVE programme has no agreed leader; the flag rises one step (MEDIUM to HIGH) from `highAfterDays` days after the programme started.',
    thresholds: {
      highAfterDays: {
        default: 30,
        min: 1,
        max: 365,
        unit: 'days',
        description: 'Days after its start a programme without a leader is flagged one step higher.',
      },
    },
    sql: (q) => `
      select p.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             case when ${q.today} - s.started_on >= ${q.threshold('highAfterDays')} then ${q.raised('1')} else ${q.severity} end as severity,
             case
               when s.started_on > ${q.today} then format('%s is active but has no agreed leader; it starts on %s.', p.name, ${day('s.started_on')})
               when previous.id is not null
                 then format('%s has had no agreed leader since %s stepped down on %s (%s).', p.name, previous.full_name,
                             ${dayOf('previous.stepped_down_at')}, ${days(`${q.today} - (previous.stepped_down_at at time zone 'UTC')::date`)})
               else format('%s has had no agreed leader since it started on %s (%s).', p.name, ${day('s.started_on')},
                           ${days(`${q.today} - s.started_on`)})
             end as message,
             jsonb_strip_nulls(jsonb_build_object('programmeId', p.id, 'startedOn', s.started_on,
                                                  'previousLeaderId', previous.id, 'previousLeaderSteppedDownAt', previous.stepped_down_at)) as evidence
        from programme p
        cross join lateral (select ${q.activeSince('p')} as started_on) s
        -- The leader who stepped down last, to say since when the programme has been without one.
        left join lateral (
          select l.id, l.stepped_down_at, pe.full_name
            from programme_leader l
            join person pe on pe.tenant_id = l.tenant_id and pe.id = l.person_id
           where l.tenant_id = p.tenant_id and l.programme_id = p.id
           order by l.stepped_down_at desc
           limit 1
        ) previous on true
       where p.status = 'ACTIVE'
         and ${q.inScope('p.locality_id')}
         and not exists (select 1 from programme_leader l
                          where l.tenant_id = p.tenant_id and l.programme_id = p.id and l.stepped_down_at is null)`,
  },
  {
    code: 'LEADERSHIP_NOMINATION_STALLED',
    barrier: Barrier.LEADERSHIP,
    subjectType: SubjectType.NOMINATION,
    severity: Severity.MEDIUM,
    description: 'A leader nomination (or re-confirmation) has been open for more than `days` days without being agreed.',
    thresholds: { days: { default: 21, min: 1, max: 365, unit: 'days', description: 'Days a nomination may stay open.' } },
    sql: (q) => `
      select n.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('The %s of %s to lead %s has been open since %s (%s) without agreement: %s of %s participating organisations support it.',
                    ${NOMINATION_OF}, pe.full_name, p.name, ${dayOf('n.nominated_at')},
                    ${days(`floor(extract(epoch from ${q.asOf} - n.nominated_at) / 86400)::int`)}, tally.supporting, tally.participants) as message,
             jsonb_build_object('nominationId', n.id, 'kind', n.kind, 'programmeId', p.id, 'personId', n.person_id,
                                'nominatedAt', n.nominated_at) as evidence
        from leader_nomination n
        join programme p on p.tenant_id = n.tenant_id and p.id = n.programme_id
        join person pe on pe.tenant_id = n.tenant_id and pe.id = n.person_id
        cross join lateral (
          select (select count(*) from programme_participant pp
                   where pp.tenant_id = n.tenant_id and pp.programme_id = n.programme_id and pp.left_at is null) as participants,
                 (select count(*) from (${CURRENT_POSITIONS}) cur where cur.position = 'SUPPORT') as supporting
        ) tally
       where n.status = 'OPEN'
         and p.status <> 'CLOSED'
         and n.nominated_at < ${q.asOf} - make_interval(days => ${q.threshold('days')}::int)
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'LEADERSHIP_NOMINATION_OPPOSED',
    barrier: Barrier.LEADERSHIP,
    subjectType: SubjectType.NOMINATION,
    severity: Severity.MEDIUM,
    description: 'An open leader nomination (or re-confirmation) is opposed by at least one participating organisation.',
    thresholds: {},
    sql: (q) => `
      select n.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('The %s of %s to lead %s is opposed by %s (since %s).',
                    ${NOMINATION_OF}, pe.full_name, p.name, opposed.names, ${dayOf('opposed.since')}) as message,
             jsonb_build_object('nominationId', n.id, 'kind', n.kind, 'programmeId', p.id, 'personId', n.person_id,
                                'opposingOrganisationIds', opposed.ids, 'opposedSince', opposed.since) as evidence
        from leader_nomination n
        join programme p on p.tenant_id = n.tenant_id and p.id = n.programme_id
        join person pe on pe.tenant_id = n.tenant_id and pe.id = n.person_id
        cross join lateral (
          select jsonb_agg(cur.organisation_id order by cur.organisation_id) as ids,
                 string_agg(o.name, ', ' order by o.name) as names,
                 min(cur.endorsed_at) as since
            from (${CURRENT_POSITIONS}) cur
            join organisation o on o.tenant_id = n.tenant_id and o.id = cur.organisation_id
           where cur.position = 'OPPOSE'
        ) opposed
       where n.status = 'OPEN'
         and p.status <> 'CLOSED'
         and opposed.ids is not null
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'LEADERSHIP_RECONFIRMATION_DUE',
    barrier: Barrier.LEADERSHIP,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description: 'The agreed leader of an ACTIVE programme is past their re-confirm-by date and has not been re-confirmed.',
    thresholds: {},
    sql: (q) => `
      select p.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('The term of %s as leader of %s ended on %s (%s ago) and they have not been re-confirmed%s.',
                    pe.full_name, p.name, ${day('l.reconfirm_by')}, ${days(`${q.today} - l.reconfirm_by`)},
                    case when declined.id is not null
                         then format('; the partnership declined to re-confirm them on %s', ${dayOf('declined.decided_at')})
                         else '' end) as message,
             jsonb_strip_nulls(jsonb_build_object('programmeId', p.id, 'leaderId', l.id, 'personId', l.person_id,
                                                  'reconfirmBy', l.reconfirm_by, 'notReconfirmedNominationId', declined.nomination_id,
                                                  'notReconfirmedAt', declined.decided_at)) as evidence
        from programme_leader l
        join programme p on p.tenant_id = l.tenant_id and p.id = l.programme_id
        join person pe on pe.tenant_id = l.tenant_id and pe.id = l.person_id
        -- A re-confirmation of this term that ended NOT_RECONFIRMED: the leader stays in post, unconfirmed.
        left join lateral (
          select r.id, r.nomination_id, r.decided_at
            from leader_reconfirmation r
           where r.tenant_id = l.tenant_id and r.leader_id = l.id and r.outcome = 'NOT_RECONFIRMED' and r.due_on = l.reconfirm_by
           order by r.decided_at desc
           limit 1
        ) declined on true
       where l.stepped_down_at is null
         and l.reconfirm_by < ${q.today}
         and p.status = 'ACTIVE'
         and ${q.inScope('p.locality_id')}`,
  },
];
