import { localityAccessCondition } from '@joinedup/registry';

/**
 * SQL condition on a programme alias: it is in a locality the caller may see (`param`
 * holds localityAccessParam: a member representative's body, or null for everyone else).
 */
export const readableProgramme = (alias: string, param: string): string =>
  `exists (select 1 from locality l where l.tenant_id = ${alias}.tenant_id and l.id = ${alias}.locality_id and ${localityAccessCondition('l', param)})`;
