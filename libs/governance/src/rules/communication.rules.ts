import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** `n` (an integer SQL expression) as "1 day" or "n days", for messages. */
const days = (n: string) => `format('%s day%s', ${n}, case when ${n} = 1 then '' else 's' end)`;

/** COMMUNICATION: programmes that stop briefing their member bodies, and bodies that do not acknowledge briefings. */
export const COMMUNICATION_RULES: GovernanceRule[] = [
  {
    code: 'COMMUNICATION_NO_BRIEFING',
    barrier: Barrier.COMMUNICATION,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description:
      'An ACTIVE programme has issued no briefing for more than `days` days (a programme that became active or started ' +
      'more recently is judged from that day).',
    thresholds: {
      days: { default: 60, min: 7, max: 365, unit: 'days', description: 'Days a programme may go without issuing a briefing.' },
    },
    sql: (q) => `
      select j.id as subject_id, j.locality_id, j.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             case when j.last_issued_on >= j.judged_from
                  then format('%s has issued no briefing for %s: the last was issued on %s.',
                              j.name, ${days(`${q.today} - j.last_issued_on`)}, j.last_issued_on)
                  else format('%s has issued no briefing since it became active on %s (%s).',
                              j.name, j.judged_from, ${days(`${q.today} - j.judged_from`)})
             end as message,
             jsonb_build_object('programmeId', j.id, 'activeSince', j.judged_from,
                                'lastBriefingId', j.last_briefing_id, 'lastIssuedOn', j.last_issued_on) as evidence
        from (select p.id, p.locality_id, p.name, ${q.activeSince('p')} as judged_from,
                     last.id as last_briefing_id, last.issued_on as last_issued_on
                from programme p
                left join lateral (
                  select b.id, b.issued_on from briefing b
                   where b.tenant_id = p.tenant_id and b.programme_id = p.id and b.issued_on <= ${q.today}
                   order by b.issued_on desc, b.issued_at desc, b.id desc
                   limit 1) last on true
               where p.status = 'ACTIVE' and ${q.inScope('p.locality_id')}) j
       where greatest(j.judged_from, j.last_issued_on) < ${q.today} - ${q.threshold('days')}::int`,
  },
  {
    code: 'COMMUNICATION_LOW_ACKNOWLEDGEMENT',
    barrier: Barrier.COMMUNICATION,
    subjectType: SubjectType.ORGANISATION,
    severity: Severity.LOW,
    description:
      'An organisation taking part in an ACTIVE programme has acknowledged less than `share` of the briefings the ' +
      'programme sent it in the last `windowDays` days; a briefing issued less than `graceDays` days ago does not count yet.',
    thresholds: {
      share: { default: 0.5, min: 0.05, max: 1, unit: 'share', description: 'Share of briefings an organisation should acknowledge.' },
      windowDays: { default: 180, min: 30, max: 730, unit: 'days', description: 'Days of briefings counted.' },
      graceDays: { default: 7, min: 0, max: 60, unit: 'days', description: 'Days a new briefing has before it counts as unacknowledged.' },
    },
    // Acknowledged means acknowledged by the instant judged, so a replay sees what was known then.
    sql: (q) => `
      select o.id as subject_id, p.locality_id, p.id as programme_id, o.id as organisation_id,
             ${q.severity} as severity,
             format('%s has acknowledged %s of the %s briefings of %s sent to it since %s (%s %%); the oldest unacknowledged was issued on %s.',
                    o.name, count(*) filter (where r.first_acknowledged_at <= ${q.asOf}), count(*), p.name, min(b.issued_on),
                    round(100.0 * count(*) filter (where r.first_acknowledged_at <= ${q.asOf}) / count(*)),
                    min(b.issued_on) filter (where r.first_acknowledged_at is null or r.first_acknowledged_at > ${q.asOf})) as message,
             jsonb_build_object(
               'programmeId', p.id, 'organisationId', o.id,
               'briefingIds', jsonb_agg(b.id order by b.issued_on, b.id),
               'unacknowledgedBriefingIds', jsonb_agg(b.id order by b.issued_on, b.id)
                                              filter (where r.first_acknowledged_at is null or r.first_acknowledged_at > ${q.asOf})
             ) as evidence
        from programme p
        join programme_participant pp on pp.tenant_id = p.tenant_id and pp.programme_id = p.id and pp.left_at is null
        join organisation o on o.tenant_id = pp.tenant_id and o.id = pp.organisation_id
        join briefing b on b.tenant_id = p.tenant_id and b.programme_id = p.id
        join briefing_recipient r on r.tenant_id = b.tenant_id and r.briefing_id = b.id and r.organisation_id = o.id
       where p.status = 'ACTIVE' and ${q.inScope('p.locality_id')}
         and b.issued_on > ${q.today} - ${q.threshold('windowDays')}::int
         and b.issued_on <= ${q.today} - ${q.threshold('graceDays')}::int
       group by p.id, p.locality_id, p.name, o.id, o.name
      having count(*) filter (where r.first_acknowledged_at <= ${q.asOf}) < ${q.threshold('share')} * count(*)`,
  },
];
