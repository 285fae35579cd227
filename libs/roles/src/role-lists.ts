import { localityAccessCondition } from '@joinedup/registry';
import { fitSql } from './role-fit.sql';

/**
 * The relations and orders of roles and their holders, written once for the services and
 * loaders and for their one-statement reads (RoleJsonRead).
 */

/** Current roles by title, then retired ones (with `includeRetired`). */
export const rolesOfProgrammeCondition = (r: string, includeRetired: string): string => `(${includeRetired}::boolean or ${r}.retired_at is null)`;
export const roleOrder = (r: string): string => `${r}.retired_at nulls first, lower(${r}.title), ${r}.id`;

/** A role's required competencies by name (unique per role, whatever its case). */
export const requiredCompetencyOrder = (c: string): string => `lower(${c}.name)`;

/** Every holder of a role, oldest first. */
export const historyOrder = (a: string): string => `${a}.assigned_at, ${a}.id`;

/**
 * Assignments held now (`a`) in ACTIVE programmes (`a_p`) of localities the caller may see
 * (`a_l`), with their role (`a_r`): add the person's condition after it.
 */
export const heldRolesFrom = (a: string, access: string): string =>
  `from role_assignment ${a}
     join programme ${a}_p on ${a}_p.tenant_id = ${a}.tenant_id and ${a}_p.id = ${a}.programme_id and ${a}_p.status = 'ACTIVE'
     join locality ${a}_l on ${a}_l.tenant_id = ${a}_p.tenant_id and ${a}_l.id = ${a}_p.locality_id
     join programme_role ${a}_r on ${a}_r.tenant_id = ${a}.tenant_id and ${a}_r.id = ${a}.role_id
    where ${a}.ended_at is null and ${localityAccessCondition(`${a}_l`, access)}`;

/** The RoleAssignment field whose row heldRolesFrom joins (ManyField.joined). */
export const heldRolesJoined = { role: '_r' } as const;

/** Roles held, by programme name, then role title. */
export const heldRolesOrder = (a: string): string => `${a}_p.name, lower(${a}_r.title), ${a}.id`;

/**
 * For each current role matching `roleCondition` (on `r`), the people of the bodies taking
 * part in its programme now, each with their fit (fitSql's columns), `tenant_id`, `role_id`, `person_id`
 * and `rank` in the role: best fit first, then by name.
 */
export function rankedCandidates(roleCondition: string): string {
  const pairs = `(select r.id::text || ' ' || p.id::text as key, r.tenant_id, r.id as role_id, p.id as person_id
      from programme_role r
      join programme_participant pp on pp.tenant_id = r.tenant_id and pp.programme_id = r.programme_id and pp.left_at is null
      join person p on p.tenant_id = pp.tenant_id and p.organisation_id = pp.organisation_id
     where ${roleCondition} and r.retired_at is null)`;
  return `select f.*, p.tenant_id, split_part(f.key, ' ', 1) as role_id, p.id as person_id,
                 row_number() over (partition by split_part(f.key, ' ', 1) order by f.score desc, p.full_name, p.id) as rank
            from (${fitSql(pairs)}) f
            join person p on p.id = split_part(f.key, ' ', 2)::uuid`;
}
