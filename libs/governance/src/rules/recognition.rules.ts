import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** `n` (an integer SQL expression) as "1 day" or "n days", for messages. */
const days = (n: string) => `format('%s day%s', ${n}, case when ${n} = 1 then '' else 's' end)`;

/** RECOGNITION: milestones achieved without credit, and organisations whose part in a programme's success goes unrecognised. */
export const RECOGNITION_RULES: GovernanceRule[] = [
  {
    code: 'RECOGNITION_MILESTONE_UNRECOGNISED',
    barrier: Barrier.RECOGNITION,
    subjectType: SubjectType.MILESTONE,
    severity: Severity.LOW,
    description: 'A milestone of an ACTIVE programme was achieved more than `days` days ago and no recognition has been linked to it.',
    thresholds: {
      days: { default: 30, min: 1, max: 365, unit: 'days', description: 'Days after its achievement a milestone may wait for recognition.' },
    },
    sql: (q) => `
      select m.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('The milestone "%s" of %s was achieved on %s, %s ago, and nobody has been recognised for it.',
                    m.name, p.name, m.achieved_on, ${days(`${q.today} - m.achieved_on`)}) as message,
             jsonb_build_object('milestoneId', m.id, 'achievedOn', m.achieved_on) as evidence
        from milestone m
        join programme p on p.tenant_id = m.tenant_id and p.id = m.programme_id
       where m.achieved_on < ${q.today} - ${q.threshold('days')}::int
         and p.status = 'ACTIVE' and ${q.inScope('p.locality_id')}
         and not exists (select 1 from recognition r
                          where r.tenant_id = m.tenant_id and r.milestone_id = m.id and r.given_on <= ${q.today})`,
  },
  {
    code: 'RECOGNITION_ORGANISATION_OVERLOOKED',
    barrier: Barrier.RECOGNITION,
    subjectType: SubjectType.ORGANISATION,
    severity: Severity.MEDIUM,
    description:
      'An organisation taking part in an ACTIVE programme, and its people, received no recognition in that programme in the ' +
      'last `windowDays` days, while the programme achieved milestones in that time (after the organisation joined).',
    thresholds: {
      windowDays: { default: 365, min: 30, max: 1095, unit: 'days', description: 'Days looked back for recognitions and milestones.' },
    },
    // Recognition of the organisation or of its people (recipient_organisation_id is either).
    // Only milestones achieved since the organisation joined count: a newcomer was not overlooked for earlier ones.
    sql: (q) => `
      select o.id as subject_id, p.locality_id, p.id as programme_id, o.id as organisation_id,
             ${q.severity} as severity,
             format('%s and its people have received no recognition in %s %s, while the programme achieved %s.',
                    o.name, p.name,
                    case when last.given_on is null then 'so far'
                         else format('since %s (%s ago)', last.given_on, ${days(`${q.today} - last.given_on`)}) end,
                    case when achieved.n = 1 then format('a milestone on %s', achieved.first_on)
                         else format('%s milestones between %s and %s', achieved.n, achieved.first_on, achieved.last_on) end) as message,
             jsonb_build_object('programmeId', p.id, 'organisationId', o.id, 'milestoneIds', achieved.ids,
                                'lastRecognitionId', last.id, 'lastRecognisedOn', last.given_on) as evidence
        from programme p
        join programme_participant pp on pp.tenant_id = p.tenant_id and pp.programme_id = p.id and pp.left_at is null
        join organisation o on o.tenant_id = pp.tenant_id and o.id = pp.organisation_id
        join lateral (
          select count(*) as n, min(m.achieved_on) as first_on, max(m.achieved_on) as last_on,
                 jsonb_agg(m.id order by m.achieved_on, m.id) as ids
            from milestone m
           where m.tenant_id = p.tenant_id and m.programme_id = p.id
             and m.achieved_on > ${q.today} - ${q.threshold('windowDays')}::int and m.achieved_on <= ${q.today}
             and m.achieved_on >= (pp.joined_at at time zone 'UTC')::date) achieved on achieved.n > 0
        left join lateral (
          select r.id, r.given_on from recognition r
           where r.tenant_id = p.tenant_id and r.programme_id = p.id and r.recipient_organisation_id = o.id
             and r.given_on <= ${q.today}
           order by r.given_on desc, r.recorded_at desc, r.id desc
           limit 1) last on true
       where p.status = 'ACTIVE' and ${q.inScope('p.locality_id')}
         and (last.given_on is null or last.given_on <= ${q.today} - ${q.threshold('windowDays')}::int)`,
  },
];
