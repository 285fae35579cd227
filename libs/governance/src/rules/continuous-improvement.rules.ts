import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** CONTINUOUS_IMPROVEMENT: programmes that stop reviewing, measure nothing, leave actions undone or keep missing targets. */
export const CONTINUOUS_IMPROVEMENT_RULES: GovernanceRule[] = [
  {
    code: 'IMPROVEMENT_REVIEW_OVERDUE',
    barrier: Barrier.CONTINUOUS_IMPROVEMENT,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description:
      'An active programme has completed no review for longer than its review cadence plus `graceDays` days (counted from its last completed review, or from when it became active or started if it has none).',
    thresholds: {
      graceDays: { default: 14, min: 0, max: 180, unit: 'days', description: 'Days past the programme’s review cadence before a review counts as overdue.' },
    },
    sql: (q) => `
      select p.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('%s has not completed a review for %s days (since %s on %s); its reviews are due every %s days.',
                    p.name, ${q.today} - s.since,
                    case when s.since = last.completed_on then 'its last review'
                         else 'it became active' end,
                    to_char(s.since, 'YYYY-MM-DD'), p.review_cadence_days) as message,
             jsonb_build_object('programmeId', p.id, 'lastReviewId', last.id, 'since', s.since) as evidence
        from programme p
        left join lateral (
          select r.id, r.completed_on from improvement_review r
           where r.tenant_id = p.tenant_id and r.programme_id = p.id and r.status = 'COMPLETED'
           order by r.completed_on desc, r.completed_at desc, r.id desc limit 1
        ) last on true
        cross join lateral (select greatest(last.completed_on, ${q.activeSince('p')}) as since) s
       where p.status = 'ACTIVE'
         and s.since < ${q.today} - (p.review_cadence_days + ${q.threshold('graceDays')})::int
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'IMPROVEMENT_NO_MEASURES',
    barrier: Barrier.CONTINUOUS_IMPROVEMENT,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description: 'An active programme has no active improvement measures, so nobody can tell whether it is working.',
    thresholds: {},
    sql: (q) => `
      select p.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             case when retired.last_on is null
                  then format('%s has had no improvement measures since it became active on %s, so nobody can tell whether it is working.',
                              p.name, to_char(${q.activeSince('p')}, 'YYYY-MM-DD'))
                  else format('%s has had no active improvement measures since its last one was retired on %s, so nobody can tell whether it is working.',
                              p.name, to_char(retired.last_on, 'YYYY-MM-DD'))
             end as message,
             jsonb_build_object('programmeId', p.id, 'lastMeasureRetiredOn', retired.last_on) as evidence
        from programme p
        cross join lateral (
          select max(m.retired_on) as last_on, count(*) filter (where m.retired_on is null) as active
            from improvement_measure m
           where m.tenant_id = p.tenant_id and m.programme_id = p.id
        ) retired
       where p.status = 'ACTIVE'
         and retired.active = 0
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'IMPROVEMENT_ACTIONS_OVERDUE',
    barrier: Barrier.CONTINUOUS_IMPROVEMENT,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description:
      'Improvement actions of an active programme are still open after their due date (one flag per programme; one severity step higher when `highCount` or more are overdue).',
    thresholds: {
      highCount: { default: 3, min: 1, max: 50, unit: 'count', description: 'Overdue actions from which the flag is one severity step higher.' },
    },
    sql: (q) => `
      select p.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             case when count(*) >= ${q.threshold('highCount')} then ${q.raised('1')} else ${q.severity} end as severity,
             format('%s has %s improvement action%s open past the due date; the earliest was due on %s (%s days ago).',
                    p.name, count(*), case when count(*) = 1 then '' else 's' end,
                    to_char(min(a.due_on), 'YYYY-MM-DD'), ${q.today} - min(a.due_on)) as message,
             jsonb_build_object('programmeId', p.id,
                                'actions', jsonb_agg(jsonb_build_object('actionId', a.id, 'dueOn', a.due_on) order by a.due_on, a.id)) as evidence
        from improvement_action a
        join programme p on p.tenant_id = a.tenant_id and p.id = a.programme_id and p.status = 'ACTIVE'
       where a.status = 'OPEN'
         and a.due_on < ${q.today}
         and ${q.inScope('p.locality_id')}
       group by p.tenant_id, p.id`,
  },
  {
    code: 'IMPROVEMENT_OFF_TARGET',
    barrier: Barrier.CONTINUOUS_IMPROVEMENT,
    subjectType: SubjectType.MEASURE,
    severity: Severity.MEDIUM,
    description:
      'An active measure missed its target (above or below it, by the measure’s direction) in each of its programme’s last `reviews` completed reviews.',
    thresholds: { reviews: { default: 2, min: 1, max: 10, unit: 'count', description: 'Consecutive completed reviews a measure must miss.' } },
    // Whether a value met its target was judged, by direction, when its review was completed (stored as met).
    sql: (q) => `
      with recent as (
        select r.tenant_id, r.programme_id, r.id, r.completed_on,
               row_number() over (partition by r.tenant_id, r.programme_id
                                  order by r.completed_on desc, r.completed_at desc, r.id desc) as n
          from improvement_review r
          join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id and p.status = 'ACTIVE'
         where r.status = 'COMPLETED'
           and ${q.inScope('p.locality_id')}
      )
      select m.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('"%s" of %s has missed its target in each of its last %s completed reviews, since %s: %s.',
                    m.name, p.name, count(*), to_char(min(x.completed_on), 'YYYY-MM-DD'),
                    string_agg(format('%s %s on %s (target: %s %s)', v.value, m.unit, to_char(x.completed_on, 'YYYY-MM-DD'),
                                      case v.direction when 'HIGHER_IS_BETTER' then 'at least' else 'at most' end, v.target),
                               '; ' order by x.n desc)) as message,
             jsonb_build_object('measureId', m.id,
                                'reviews', jsonb_agg(jsonb_build_object('reviewId', x.id, 'completedOn', x.completed_on,
                                                                        'value', v.value, 'target', v.target)
                                                     order by x.n desc)) as evidence
        from recent x
        join improvement_measure_value v on v.tenant_id = x.tenant_id and v.review_id = x.id
        join improvement_measure m on m.tenant_id = v.tenant_id and m.id = v.measure_id and m.retired_on is null
        join programme p on p.tenant_id = x.tenant_id and p.id = x.programme_id
       where x.n <= ${q.threshold('reviews')}
       group by m.tenant_id, m.id, p.tenant_id, p.id
      having count(*) = ${q.threshold('reviews')} and bool_and(not v.met)`,
  },
];
