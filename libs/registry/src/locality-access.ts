import { actingBody } from '@joinedup/access';

/**
 * SQL condition on a locality alias that a member representative only sees localities
 * their organisation is an active member of; everyone else sees the tenant's localities.
 * `param` is the placeholder that will hold {@link localityAccessParam}.
 */
export function localityAccessCondition(alias: string, param: string): string {
  return `(${param}::uuid is null or exists (
    select 1 from membership m
     where m.tenant_id = ${alias}.tenant_id and m.locality_id = ${alias}.id
       and m.organisation_id = ${param}::uuid and m.left_on is null))`;
}

/** The value for `param`: the body a member representative acts for; null for everyone else. */
export const localityAccessParam = actingBody;

