import { actingBody } from '@joinedup/access';
import { localityAccessCondition } from '@joinedup/registry';

/**
 * Who reads what of a conflict, decided in SQL so that no field or list can show more.
 *
 * The viewer parameter is the organisation a member representative acts for, and null for
 * everyone else (tenant administrators, coordinators, reviewers), who read everything.
 * A representative reads everything of a conflict their organisation raised or is a party
 * to; only that it exists (category, severity, status, stage, dates) of the other
 * conflicts of a locality their organisation is an active member of; and nothing else.
 */
export const viewerParam = actingBody;

/** SQL: the viewer may read the details of conflict `alias` (it is involved, or staff). */
export function involvedCondition(alias: string, param: string): string {
  return `(${param}::uuid is null
    or ${alias}.raised_by_organisation_id = ${param}::uuid
    or exists (select 1 from conflict_party cp
                where cp.tenant_id = ${alias}.tenant_id and cp.conflict_id = ${alias}.id and cp.organisation_id = ${param}::uuid))`;
}

/** SQL: the viewer may know that conflict `alias` exists. */
export function readableCondition(alias: string, param: string): string {
  return `(${involvedCondition(alias, param)}
    or exists (select 1 from membership m
                where m.tenant_id = ${alias}.tenant_id and m.locality_id = ${alias}.locality_id
                  and m.organisation_id = ${param}::uuid and m.left_on is null))`;
}

/**
 * The FROM clause every read of conflicts goes through: the conflict as `c` with `v`, the
 * one place that decides whether the viewer may read its details. Pair it with
 * CONFLICT_COLUMNS (which masks by `v.details_visible`) and readableCondition('c', param).
 */
export function conflictSource(param: string): string {
  return `conflict c cross join lateral (select ${involvedCondition('c', param)} as details_visible) v`;
}

/** Shown only with the details; null otherwise. */
const hidden = (column: string, as = column) => `case when v.details_visible then c.${column} end as ${as}`;

/** The columns of a conflict as the viewer may read them (see conflictSource). */
export const CONFLICT_COLUMNS = [
  'c.id',
  'c.locality_id',
  'c.programme_id',
  'c.process_version_id',
  'v.details_visible',
  hidden('raised_by_organisation_id'),
  'c.category',
  'c.severity',
  'c.status',
  hidden('title'),
  hidden('description'),
  'c.opened_at',
  'c.opened_at::text as opened_key',
  'c.acknowledged_at',
  'c.resolution_started_at',
  'c.current_stage',
  'c.stage_started_on',
  'c.stage_due_on',
  `(c.status = 'IN_RESOLUTION' and c.stage_due_on < current_date) as stage_overdue`,
  'c.closed_at',
  hidden('outcome'),
  hidden('close_reason'),
].join(', ');

/**
 * The conflicts the viewer may know exist, each as the viewer may read it (CONFLICT_COLUMNS
 * and its tenant_id), as a table for a FROM clause; `where` narrows them (over `c` and `v`).
 * The service, the lists and the one-statement reads all read conflicts through it.
 */
export function readableConflicts(param: string, where = 'true'): string {
  return `(select c.tenant_id, ${CONFLICT_COLUMNS} from ${conflictSource(param)} where ${readableCondition('c', param)} and ${where})`;
}

/** SQL: the locality `localityId` is one the caller may see (`param` holds registry's localityAccessParam). */
export function inVisibleLocality(localityId: string, param: string): string {
  return `exists (select 1 from locality l where l.id = ${localityId} and ${localityAccessCondition('l', param)})`;
}
