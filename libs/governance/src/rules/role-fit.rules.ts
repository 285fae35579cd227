import { fitSql } from '@joinedup/roles';
import { Barrier, Severity, SubjectType } from '../barriers';
import { GovernanceRule } from '../governance-rule';

/** A role, its programme and its current holder's assignment, for rules about held roles of ACTIVE programmes. */
const HELD_ROLES = `
  role_assignment a
  join programme_role r on r.tenant_id = a.tenant_id and r.id = a.role_id
  join programme p on p.tenant_id = a.tenant_id and p.id = a.programme_id and p.status = 'ACTIVE'
  join person pe on pe.tenant_id = a.tenant_id and pe.id = a.person_id`;

/** ROLE_FIT: required roles left empty, holders who lack the role's competencies or were never chosen, people holding too many roles. */
export const ROLE_FIT_RULES: GovernanceRule[] = [
  {
    code: 'ROLE_VACANT',
    barrier: Barrier.ROLE_FIT,
    subjectType: SubjectType.ROLE,
    severity: Severity.MEDIUM,
    description: 'A role the programme cannot run without (required) has had no holder for more than `days` days.',
    thresholds: { days: { default: 30, min: 1, max: 365, unit: 'days', description: 'Days a required role may stay without a holder.' } },
    // vacant_since is kept by trigger: set when a role is created empty or loses its holder, cleared when filled.
    sql: (q) => `
      select r.id as subject_id, p.locality_id, p.id as programme_id, null::uuid as organisation_id,
             ${q.severity} as severity,
             format('The required role "%s" of %s has had no holder since %s (%s days).',
                    r.title, p.name, to_char(r.vacant_since, 'YYYY-MM-DD'), ${q.today} - r.vacant_since) as message,
             jsonb_build_object('roleId', r.id, 'vacantSince', r.vacant_since) as evidence
        from programme_role r
        join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id and p.status = 'ACTIVE'
       where r.required_for_programme
         and r.retired_at is null
         and r.vacant_since < ${q.today} - ${q.threshold('days')}::int
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'ROLE_LOW_FIT',
    barrier: Barrier.ROLE_FIT,
    subjectType: SubjectType.ROLE,
    severity: Severity.MEDIUM,
    description:
      'The holder of a role meets less than `minimumFit` of its required competencies (at the required level), judged on their competencies now.',
    thresholds: {
      minimumFit: {
        default: 0.6,
        min: 0.1,
        max: 1,
        unit: 'score',
        description: 'The share of a role’s required competencies its holder must meet.',
      },
    },
    // The fit is the one the API shows (fitSql, as roleFit() in libs/roles); compared as met < minimum × required
    // so a fit exactly at the minimum is never lost to floating point.
    sql: (q) => `
      select r.id as subject_id, p.locality_id, p.id as programme_id, a.organisation_id,
             ${q.severity} as severity,
             format('%s, holder of "%s" in %s since %s, meets only %s of its %s required competencies (a fit of %s %%, below %s %%); short of: %s.',
                    pe.full_name, r.title, p.name, to_char(a.assigned_at at time zone 'UTC', 'YYYY-MM-DD'),
                    f.met, f.required, round(f.score * 100), round(${q.threshold('minimumFit')} * 100),
                    (select string_agg(format('%s (needs level %s, %s)', g ->> 'competency', g ->> 'requiredLevel',
                                              coalesce('has ' || (g ->> 'heldLevel'), 'not held')), '; ')
                       from jsonb_array_elements(f.gaps) g)) as message,
             jsonb_build_object('roleId', r.id, 'assignmentId', a.id, 'personId', a.person_id, 'unmetCompetencies', f.gaps) as evidence
        from ${HELD_ROLES}
        join (${fitSql(`(select a.id as key, a.tenant_id, a.role_id, a.person_id
                           from role_assignment a
                           join programme p on p.tenant_id = a.tenant_id and p.id = a.programme_id and p.status = 'ACTIVE'
                          where a.ended_at is null and ${q.inScope('p.locality_id')})`)}) f on f.key = a.id
       where f.met < ${q.threshold('minimumFit')} * f.required`,
  },
  {
    code: 'ROLE_NO_SELECTION_RATIONALE',
    barrier: Barrier.ROLE_FIT,
    subjectType: SubjectType.ROLE,
    severity: Severity.LOW,
    description: 'A role is held by default (DEFAULTED), or by someone APPOINTED without a recorded reason, rather than the best person chosen for it.',
    thresholds: {},
    // The database refuses an APPOINTED holder without a rationale today; the rule still names that case, as the survey does.
    sql: (q) => `
      select r.id as subject_id, p.locality_id, p.id as programme_id, a.organisation_id,
             ${q.severity} as severity,
             case when a.selection_method = 'DEFAULTED'
                  then format('%s has held "%s" in %s by default since %s: nobody chose the best person for it.',
                              pe.full_name, r.title, p.name, to_char(a.assigned_at at time zone 'UTC', 'YYYY-MM-DD'))
                  else format('%s was appointed to "%s" in %s on %s with no reason recorded.',
                              pe.full_name, r.title, p.name, to_char(a.assigned_at at time zone 'UTC', 'YYYY-MM-DD'))
             end as message,
             jsonb_build_object('roleId', r.id, 'assignmentId', a.id, 'personId', a.person_id,
                                'selectionMethod', a.selection_method, 'assignedAt', a.assigned_at) as evidence
        from ${HELD_ROLES}
       where a.ended_at is null
         and (a.selection_method = 'DEFAULTED' or (a.selection_method = 'APPOINTED' and coalesce(btrim(a.rationale), '') = ''))
         and ${q.inScope('p.locality_id')}`,
  },
  {
    code: 'ROLE_OVERLOAD',
    barrier: Barrier.ROLE_FIT,
    subjectType: SubjectType.PERSON,
    severity: Severity.MEDIUM,
    description: 'One person holds more than `maxRoles` roles across the active programmes of all localities.',
    thresholds: { maxRoles: { default: 3, min: 1, max: 20, unit: 'count', description: 'Roles one person may hold at once.' } },
    // A person's roles span localities, so the flag belongs to none (tenantWide: full scans only).
    tenantWide: true,
    sql: (q) => `
      select pe.id as subject_id, null::uuid as locality_id, null::uuid as programme_id, pe.organisation_id,
             ${q.severity} as severity,
             format('%s has held %s roles across %s active programmes since %s, more than %s: %s.',
                    pe.full_name, count(*), count(distinct p.id), to_char(max(a.assigned_at) at time zone 'UTC', 'YYYY-MM-DD'),
                    ${q.threshold('maxRoles')}, string_agg(format('"%s" in %s', r.title, p.name), '; ' order by a.assigned_at, a.id)) as message,
             jsonb_build_object('personId', pe.id,
                                'assignments', jsonb_agg(jsonb_build_object('assignmentId', a.id, 'roleId', a.role_id,
                                                                            'programmeId', a.programme_id, 'assignedAt', a.assigned_at)
                                                         order by a.assigned_at, a.id)) as evidence
        from ${HELD_ROLES}
       where a.ended_at is null
       group by pe.tenant_id, pe.id
      having count(*) > ${q.threshold('maxRoles')}`,
  },
];
