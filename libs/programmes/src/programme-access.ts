import { localityAccessCondition } from '@joinedup/registry';

/**
 * SQL condition on a programme alias: it is in a locality the caller may see (`param`
 * holds localityAccessParam: a member representative's body, or null for everyone else).
 */
export const readableProgramme = (alias: string, param: string): string =>
  `exists (select 1 from locality l where l.tenant_id = ${alias}.tenant_id and l.id = ${alias}.locality_id and ${localityAccessCondition('l', param)})`;

/**
 * SQL condition on a nomination alias: it is open, in a programme that `organisation` takes
 * part in now and the caller may see (`param`: localityAccessParam), and that organisation
 * holds no position on it yet.
 */
export const waitingForEndorsement = (alias: string, organisation: string, param: string): string =>
  `${alias}.status = 'OPEN'
   and exists (select 1 from programme_participant pp where pp.tenant_id = ${alias}.tenant_id and pp.programme_id = ${alias}.programme_id
                                                      and pp.organisation_id = ${organisation} and pp.left_at is null)
   and not exists (select 1 from endorsement e where e.tenant_id = ${alias}.tenant_id and e.nomination_id = ${alias}.id and e.organisation_id = ${organisation})
   and exists (select 1 from programme p where p.tenant_id = ${alias}.tenant_id and p.id = ${alias}.programme_id and ${readableProgramme('p', param)})`;
