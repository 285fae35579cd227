import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** `n` (an integer SQL expression) as "1 day" or "n days", for messages. */
const days = (n: string) => `format('%s day%s', ${n}, case when ${n} = 1 then '' else 's' end)`;

/** FLEXIBILITY: alignment requests left unanswered or not carried out, and organisations that decline most of them. */
export const FLEXIBILITY_RULES: GovernanceRule[] = [
  {
    code: 'FLEXIBILITY_REQUEST_UNANSWERED',
    barrier: Barrier.FLEXIBILITY,
    subjectType: SubjectType.ALIGNMENT_REQUEST,
    severity: Severity.MEDIUM,
    description: 'An alignment request of an ACTIVE programme is still REQUESTED after the date its answer was due.',
    thresholds: {},
    sql: (q) => `
      select r.id as subject_id, r.locality_id, r.programme_id, r.target_organisation_id as organisation_id,
             ${q.severity} as severity,
             format('%s has not answered the alignment request "%s" from %s, due on %s (%s overdue).',
                    t.name, r.title, f.name, r.response_due_on, ${days(`${q.today} - r.response_due_on`)}) as message,
             jsonb_build_object('requestId', r.id, 'requestingOrganisationId', r.requesting_organisation_id,
                                'targetOrganisationId', r.target_organisation_id, 'requestedOn', r.requested_on,
                                'responseDueOn', r.response_due_on) as evidence
        from alignment_request r
        join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id
        join organisation t on t.tenant_id = r.tenant_id and t.id = r.target_organisation_id
        join organisation f on f.tenant_id = r.tenant_id and f.id = r.requesting_organisation_id
       where r.status = 'REQUESTED' and r.response_due_on < ${q.today}
         and p.status = 'ACTIVE' and ${q.inScope('r.locality_id')}`,
  },
  {
    code: 'FLEXIBILITY_HIGH_DECLINE_RATE',
    barrier: Barrier.FLEXIBILITY,
    subjectType: SubjectType.ORGANISATION,
    severity: Severity.MEDIUM,
    description:
      'A member body of a locality declined at least `minimumDeclines` and more than `share` of the alignment requests it ' +
      'answered there in the last `windowDays` days (counted by the day of the answer, as its decline rate is).',
    thresholds: {
      minimumDeclines: { default: 2, min: 1, max: 100, unit: 'count', description: 'Fewest declines that can raise the flag.' },
      share: { default: 0.47, min: 0.01, max: 0.99, unit: 'share', description: 'Share of answers declined above which the flag is raised.' },
      windowDays: { default: 365, min: 30, max: 1095, unit: 'days', description: 'Days of answers counted.' },
    },
    // Answers, not all requests, are counted: the same definition as the decline rate the
    // API shows (libs/alignment declineRate), so the flag and the figure agree. Requests of
    // CLOSED programmes raise nothing; a body that has left the locality is not judged there.
    sql: (q) => `
      select o.id as subject_id, r.locality_id, null::uuid as programme_id, o.id as organisation_id,
             ${q.severity} as severity,
             format('%s declined %s of the %s alignment requests it answered in %s in the last %s (%s %%), the first on %s.',
                    o.name, count(*) filter (where r.response = 'DECLINED'), count(*), l.name,
                    ${days(`${q.threshold('windowDays')}::int`)},
                    round(100.0 * count(*) filter (where r.response = 'DECLINED') / count(*)),
                    min(r.responded_on) filter (where r.response = 'DECLINED')) as message,
             jsonb_build_object(
               'organisationId', o.id, 'localityId', r.locality_id,
               'declinedRequestIds', jsonb_agg(r.id order by r.responded_on, r.id) filter (where r.response = 'DECLINED'),
               'agreedRequestIds', coalesce(jsonb_agg(r.id order by r.responded_on, r.id) filter (where r.response = 'AGREED'), '[]')
             ) as evidence
        from alignment_request r
        join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id
        join organisation o on o.tenant_id = r.tenant_id and o.id = r.target_organisation_id
        join locality l on l.tenant_id = r.tenant_id and l.id = r.locality_id
       where r.response is not null
         and r.responded_on > ${q.today} - ${q.threshold('windowDays')}::int and r.responded_on <= ${q.today}
         and p.status <> 'CLOSED' and ${q.inScope('r.locality_id')}
         and exists (select 1 from membership m
                      where m.tenant_id = r.tenant_id and m.locality_id = r.locality_id
                        and m.organisation_id = r.target_organisation_id and m.left_on is null)
       group by r.locality_id, l.name, o.id, o.name
      having count(*) filter (where r.response = 'DECLINED') >= ${q.threshold('minimumDeclines')}
         and count(*) filter (where r.response = 'DECLINED') > ${q.threshold('share')} * count(*)`,
  },
  {
    code: 'FLEXIBILITY_AGREED_NOT_ADAPTED',
    barrier: Barrier.FLEXIBILITY,
    subjectType: SubjectType.ALIGNMENT_REQUEST,
    severity: Severity.MEDIUM,
    description: 'An alignment request of an ACTIVE programme was AGREED but is still not ADAPTED more than `days` days after its planned date.',
    thresholds: {
      days: { default: 30, min: 0, max: 365, unit: 'days', description: 'Days after the planned date an agreed adaptation may still be outstanding.' },
    },
    sql: (q) => `
      select r.id as subject_id, r.locality_id, r.programme_id, r.target_organisation_id as organisation_id,
             ${q.severity} as severity,
             format('%s agreed on %s to adapt "%s" (asked by %s) by %s, and has not recorded the adaptation %s after that date.',
                    t.name, r.responded_on, r.title, f.name, r.planned_on, ${days(`${q.today} - r.planned_on`)}) as message,
             jsonb_build_object('requestId', r.id, 'requestingOrganisationId', r.requesting_organisation_id,
                                'targetOrganisationId', r.target_organisation_id, 'agreedOn', r.responded_on,
                                'plannedOn', r.planned_on) as evidence
        from alignment_request r
        join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id
        join organisation t on t.tenant_id = r.tenant_id and t.id = r.target_organisation_id
        join organisation f on f.tenant_id = r.tenant_id and f.id = r.requesting_organisation_id
       where r.status = 'AGREED' and r.planned_on < ${q.today} - ${q.threshold('days')}::int
         and p.status = 'ACTIVE' and ${q.inScope('r.locality_id')}`,
  },
];
