import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** CONFLICT_RESOLUTION: conflicts that wait, stall or end unresolved, and programmes without an agreed process. */
export const CONFLICT_RESOLUTION_RULES: GovernanceRule[] = [
  {
    code: 'CONFLICT_UNACKNOWLEDGED',
    barrier: Barrier.CONFLICT_RESOLUTION,
    subjectType: SubjectType.CONFLICT,
    severity: Severity.MEDIUM,
    description: 'A conflict has been OPEN (not acknowledged) for more than `days` days.',
    thresholds: { days: { default: 5, min: 1, max: 365, unit: 'days', description: 'Days a conflict may stay unacknowledged.' } },
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
         and ${q.inScope('c.locality_id')}`,
  },
];
