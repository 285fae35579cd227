import { inVisibleLocality } from './conflict-visibility';
import { PROCESS_COLUMNS, PROCESS_FROM, eventColumns } from './conflicts.rows';

/**
 * The relations of conflicts and processes that take more than a foreign key, written once
 * for the loaders, the services and the one-statement reads (conflict-json-read.ts).
 */

/** Processes (PROCESS_COLUMNS and tenant_id) as a table for a FROM clause; `where` narrows them (over `p` and its programme `pr`). */
export const processRows = (where: string): string => `(select p.tenant_id, ${PROCESS_COLUMNS} from ${PROCESS_FROM} where ${where})`;

/** SQL over `p` and `pr`: the caller may see the process's locality (its own, or its programme's). */
export const processVisible = (param: string): string => inVisibleLocality('coalesce(p.locality_id, pr.locality_id)', param);

/**
 * The agreed version a conflict follows if its resolution starts now: the latest agreed
 * version of its programme's own process, else of its locality's. `from … limit 1`, naming
 * the version `v` (and its process `v_p`).
 */
export const applicableVersionFrom = (v: string, localityId: string, programmeId: string): string =>
  `from conflict_process ${v}_p
     join conflict_process_version ${v} on ${v}.tenant_id = ${v}_p.tenant_id and ${v}.process_id = ${v}_p.id and ${v}.agreed_on is not null
    where ${v}_p.programme_id = ${programmeId} or ${v}_p.locality_id = ${localityId}
    order by (${v}_p.programme_id is not null) desc, ${v}.version desc
    limit 1`;

/**
 * The history of conflict `c` as a table for a FROM clause, given whether the viewer may read
 * its details (SQL): without that, the transitions only, with no notes or who acted.
 */
export const historyOf = (c: string, detailsVisible: string): string =>
  `(select e.tenant_id, ${eventColumns(detailsVisible)} from conflict_event e
     where e.tenant_id = ${c}.tenant_id and e.conflict_id = ${c}.id and (${detailsVisible} or e.kind <> 'COMMENTED'))`;

/** Oldest first. */
export const historyOrder = (e: string): string => `${e}.occurred_at, ${e}.id`;

/** The other parties of conflict `c` as organisations `o` (`from … where …`): none unless `detailsVisible` (SQL) holds. */
export const partiesOf = (c: string, detailsVisible: string, o: string): string =>
  `from conflict_party ${o}_cp join organisation ${o} on ${o}.tenant_id = ${o}_cp.tenant_id and ${o}.id = ${o}_cp.organisation_id
    where ${o}_cp.tenant_id = ${c}.tenant_id and ${o}_cp.conflict_id = ${c}.id and ${detailsVisible}`;

export const partyOrder = (o: string): string => `${o}.name, ${o}.id`;
