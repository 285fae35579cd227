import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** A date column as a coordinator reads it. */
const day = (date: string) => `to_char(${date}, 'YYYY-MM-DD')`;

/** A whole number of days in a sentence: '1 day', '3 days'. */
const days = (n: string) => `format('%s day%s', ${n}, case when (${n}) = 1 then '' else 's' end)`;

/** Conflicts of a CLOSED programme raise nothing (a conflict without a programme belongs to its locality). */
const NOT_OF_CLOSED_PROGRAMME = (conflict: string) => `not exists (select 1 from programme p
  where p.tenant_id = ${conflict}.tenant_id and p.id = ${conflict}.programme_id and p.status = 'CLOSED')`;

/** CONFLICT_RESOLUTION: conflicts that wait, stall or end unresolved, and programmes without an agreed process. */
export const CONFLICT_RESOLUTION_RULES: GovernanceRule[] = [
  {
    code: 'CONFLICT_UNACKNOWLEDGED',
    barrier: Barrier.CONFLICT_RESOLUTION,
    subjectType: SubjectType.CONFLICT,
    severity: Severity.MEDIUM,
    description: 'A conflict has been OPEN (not acknowledged) for more than `days` days.',
    thresholds: { days: { default: 5, min: 0, max: 365, unit: 'days', description: 'Days a conflict may stay unacknowledged (0: flag every unacknowledged conflict at once).' } },
    sql: (q) => `
      select c.id as subject_id, c.locality_id, c.programme_id, c.raised_by_organisation_id as organisation_id,
             ${q.severity} as severity,
             format('A %s conflict raised on %s has not been acknowledged for %s days.',
                    lower(c.severity), to_char(c.opened_at at time zone 'UTC', 'YYYY-MM-DD'),
                    floor(extract(epoch from ${q.asOf} - c.opened_at) / 86400)) as message,
             jsonb_build_object('conflictId', c.id, 'openedAt', c.opened_at) as evidence
        from conflict c
       where c.status = 'OPEN'
         and c.opened_at < ${q.asOf} - make_interval(days => ${q.threshold('days')}::int)
         and ${NOT_OF_CLOSED_PROGRAMME('c')}
         and ${q.inScope('c.locality_id')}`,
  },
  {
    code: 'CONFLICT_NO_PROCESS',
    barrier: Barrier.CONFLICT_RESOLUTION,
    subjectType: SubjectType.PROGRAMME,
    severity: Severity.MEDIUM,
    description:
      "An ACTIVE programme has no agreed conflict resolution process: neither its own nor its locality's, or one exists but no version of it was ever agreed.",
    thresholds: {},
    // The process a conflict would follow is the programme's own agreed one, else its
    // locality's (ConflictProcessesService.applicableVersion): flagged when neither has an
    // agreed version. A version counts from the day the partnership agreed it.
    sql: (q) => `
      select p.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             case when processes.ids is null
                  then format('%s has no conflict resolution process: neither the programme nor %s has one (active since %s).',
                              p.name, l.name, ${day(q.activeSince('p'))})
                  else format('%s has no agreed conflict resolution process: %s %s drafted (first on %s) but never agreed by the partnership.',
                              p.name, processes.whose, case when jsonb_array_length(processes.ids) > 1 then 'were' else 'was' end,
                              ${day('processes.drafted_on')})
             end as message,
             jsonb_build_object('programmeId', p.id, 'unagreedProcessIds', coalesce(processes.ids, '[]'::jsonb)) as evidence
        from programme p
        join locality l on l.tenant_id = p.tenant_id and l.id = p.locality_id
        -- The processes that could apply (own first), none of which has an agreed version.
        cross join lateral (
          select jsonb_agg(cp.id order by cp.programme_id nulls last) as ids,
                 string_agg(case when cp.programme_id is not null then 'its own process' else format('the process of %s', l.name) end,
                            ' and ' order by cp.programme_id nulls last) as whose,
                 min((cp.created_at at time zone 'UTC')::date) as drafted_on,
                 bool_or(exists (select 1 from conflict_process_version v
                                  where v.tenant_id = cp.tenant_id and v.process_id = cp.id
                                    and v.agreed_on <= ${q.today})) as agreed
            from conflict_process cp
           where cp.tenant_id = p.tenant_id and (cp.programme_id = p.id or cp.locality_id = p.locality_id)
        ) processes
       where p.status = 'ACTIVE'
         and processes.agreed is not true
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'CONFLICT_STAGE_OVERDUE',
    barrier: Barrier.CONFLICT_RESOLUTION,
    subjectType: SubjectType.CONFLICT,
    severity: Severity.MEDIUM,
    description:
      "A conflict IN_RESOLUTION is past its current stage's due date; the flag rises one step when more than `escalateAfterDays` days overdue, and one step when the conflict itself is HIGH or CRITICAL.",
    thresholds: {
      escalateAfterDays: {
        default: 14,
        min: 1,
        max: 365,
        unit: 'days',
        description: 'Days overdue after which the flag is raised one step.',
      },
    },
    sql: (q) => `
      select c.id as subject_id, c.locality_id, c.programme_id, c.raised_by_organisation_id as organisation_id,
             ${q.raised(`(${q.today} - c.stage_due_on > ${q.threshold('escalateAfterDays')})::int + (c.severity in ('HIGH', 'CRITICAL'))::int`)}
               as severity,
             format('A %s conflict has been at stage %s (%s, owned by %s) since %s; the stage was due on %s and is %s overdue.',
                    lower(c.severity), c.current_stage, s.name, s.owner, ${day('c.stage_started_on')}, ${day('c.stage_due_on')},
                    ${days(`${q.today} - c.stage_due_on`)}) as message,
             jsonb_build_object('conflictId', c.id, 'processVersionId', c.process_version_id, 'stage', c.current_stage,
                                'stageStartedOn', c.stage_started_on, 'stageDueOn', c.stage_due_on) as evidence
        from conflict c
        join conflict_process_stage s
          on s.tenant_id = c.tenant_id and s.version_id = c.process_version_id and s.stage_number = c.current_stage
       where c.status = 'IN_RESOLUTION'
         and c.stage_due_on < ${q.today}
         and ${NOT_OF_CLOSED_PROGRAMME('c')}
         and ${q.inScope('c.locality_id')}`,
  },
  {
    code: 'CONFLICT_UNRESOLVED_RATE',
    barrier: Barrier.CONFLICT_RESOLUTION,
    subjectType: SubjectType.LOCALITY,
    severity: Severity.MEDIUM,
    description:
      'In a locality, more than `share` of the conflicts closed in the last `windowDays` days were closed unresolved.',
    thresholds: {
      share: { default: 0.25, min: 0.01, max: 1, unit: 'share', description: 'Share of closed conflicts that may end unresolved.' },
      windowDays: { default: 180, min: 7, max: 730, unit: 'days', description: 'Days of closed conflicts counted.' },
    },
    sql: (q) => `
      select l.id as subject_id, l.id as locality_id, null::uuid as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('In %s, %s of the %s conflicts closed in the last %s days were closed unresolved (%s%%, more than %s%%); the latest on %s.',
                    l.name, closed.unresolved, closed.total, ${q.threshold('windowDays')}, round(100.0 * closed.unresolved / closed.total),
                    round(100 * ${q.threshold('share')}), to_char(closed.latest at time zone 'UTC', 'YYYY-MM-DD')) as message,
             jsonb_build_object('localityId', l.id, 'closedUnresolvedConflictIds', closed.unresolved_ids,
                                'closedConflictCount', closed.total) as evidence
        from (
          select c.tenant_id, c.locality_id, count(*) as total,
                 count(*) filter (where c.status = 'CLOSED_UNRESOLVED') as unresolved,
                 jsonb_agg(c.id order by c.id) filter (where c.status = 'CLOSED_UNRESOLVED') as unresolved_ids,
                 max(c.closed_at) filter (where c.status = 'CLOSED_UNRESOLVED') as latest
            from conflict c
           where c.status in ('RESOLVED', 'CLOSED_UNRESOLVED')
             and c.closed_at > ${q.asOf} - make_interval(days => ${q.threshold('windowDays')}::int)
             and c.closed_at <= ${q.asOf}
             and ${q.inScope('c.locality_id')}
           group by c.tenant_id, c.locality_id
        ) closed
        join locality l on l.tenant_id = closed.tenant_id and l.id = closed.locality_id
       where closed.unresolved > closed.total * ${q.threshold('share')}`,
  },
];
