import { Principal, Role } from '@joinedup/access';

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

export function localityAccessParam(principal: Principal): string | null {
  return principal.role === Role.MEMBER_REPRESENTATIVE ? principal.organisationId : null;
}

/**
 * SQL condition that the locality `localityId` of the tenant `tenantId` (expressions of the
 * outer row, e.g. a programme's) is one the caller may see, as {@link localityAccessCondition}.
 */
export function localityIdAccessCondition(tenantId: string, localityId: string, param: string): string {
  return `exists (select 1 from locality access_l where access_l.tenant_id = ${tenantId} and access_l.id = ${localityId}
                     and ${localityAccessCondition('access_l', param)})`;
}

/**
 * SQL condition that the programme `programmeId` of the tenant `tenantId` is in a locality
 * the caller may see: who may read a programme, and so its roles and recognitions.
 */
export function programmeIdAccessCondition(tenantId: string, programmeId: string, param: string): string {
  return `exists (select 1 from programme access_p where access_p.tenant_id = ${tenantId} and access_p.id = ${programmeId}
                     and ${localityIdAccessCondition('access_p.tenant_id', 'access_p.locality_id', param)})`;
}
