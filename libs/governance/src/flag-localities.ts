import { GOVERNANCE_RULES } from './rules';

/**
 * Where a flag shows and counts. A flag of a locality rule sits in its locality. A flag of a
 * tenant-wide rule about a person's roles (ROLE_OVERLOAD) sits in none, and shows and counts
 * under each locality of the programmes whose assignments its evidence lists.
 */

/** The localities of a tenant-wide flag's assignments (a set-returning subquery); `flag` names the governance_flag row. */
export function assignmentLocalities(flag: string): string {
  return `select distinct p.locality_id
            from jsonb_array_elements(case when jsonb_typeof(${flag}.evidence -> 'assignments') = 'array'
                                           then ${flag}.evidence -> 'assignments' else '[]'::jsonb end) e
            join programme p on p.id = (e ->> 'programmeId')::uuid`;
}

/** The rules whose flags sit in no locality. */
const TENANT_WIDE_CODES = GOVERNANCE_RULES.filter((rule) => rule.tenantWide).map((rule) => `'${rule.code}'`);

/** A condition: the flag shows under `locality` (a uuid expression). */
export function flagInLocality(locality: string, flag = 'governance_flag'): string {
  if (!TENANT_WIDE_CODES.length) return `(${flag}.locality_id = ${locality})`;
  return `(${flag}.locality_id = ${locality}
           or (${flag}.locality_id is null and ${flag}.rule_code in (${TENANT_WIDE_CODES.join(', ')})
               and ${locality} in (${assignmentLocalities(flag)})))`;
}
