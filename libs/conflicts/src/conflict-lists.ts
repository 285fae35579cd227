import { TenantDb } from '@joinedup/database';
import { Connection, CursorPart, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { readableConflicts } from './conflict-visibility';
import { ConflictFilterArgs } from './conflicts.inputs';
import { ConflictRow, toConflict } from './conflicts.rows';
import { ConflictType } from './conflicts.types';

/** What a list of conflicts is a list of. */
export type ConflictScope = 'LOCALITY' | 'PROGRAMME' | 'ORGANISATION';

/**
 * How a conflict (`c`, with `v`) belongs to a key of each scope. An organisation's conflicts
 * are those it raised or is a party to, and only where the viewer may read who is involved:
 * a representative of another body must not learn the parties by filtering on them.
 */
const SCOPE_CONDITION: Record<ConflictScope, (key: string) => string> = {
  LOCALITY: (key) => `c.locality_id = ${key}`,
  PROGRAMME: (key) => `c.programme_id = ${key}`,
  ORGANISATION: (key) => `v.details_visible and (c.raised_by_organisation_id = ${key} or exists (
    select 1 from conflict_party kp where kp.tenant_id = c.tenant_id and kp.conflict_id = c.id and kp.organisation_id = ${key}))`,
};

/** A list's cursor: the last row's opened_at (full precision, as text) and id. */
export const CONFLICT_CURSOR = ['timestamp', 'uuid'] as const satisfies readonly CursorPart[];

/** Newest first, in every list of conflicts (rows of readableConflicts named `c`); the cursor is its key. */
export const conflictOrder = (c: string): string => `${c}.opened_at desc, ${c}.id desc`;
export const conflictCursorKey = (c: string): string[] => [`${c}.opened_key`, `${c}.id`];

/** Placeholders of a list's filters: each list is text[] (int[] for stages), `after` the cursor's parts as text[]; null for none. */
export interface ConflictFilterSql {
  status: string;
  severity: string;
  category: string;
  stage: string;
  after: string;
}

/** SQL over `c`: the conflict passes the filters and comes after the cursor. */
function filterCondition(f: ConflictFilterSql): string {
  return `(${f.status}::text[] is null or c.status = any(${f.status}::text[]))
      and (${f.severity}::text[] is null or c.severity = any(${f.severity}::text[]))
      and (${f.category}::text[] is null or c.category = any(${f.category}::text[]))
      and (${f.stage}::int[] is null or c.current_stage = any(${f.stage}::int[]))
      and (${f.after}::text[] is null or (c.opened_at, c.id) < ((${f.after}::text[])[1]::timestamptz, (${f.after}::text[])[2]::uuid))`;
}

/**
 * The conflicts of `key` (SQL) in `scope` that pass the filters, as the viewer (`param`) may
 * read them: a table for a FROM clause, to be read in conflictOrder. `key` null matches none.
 */
export function conflictsOf(scope: ConflictScope, key: string, param: string, filter: ConflictFilterSql): string {
  return readableConflicts(param, `${SCOPE_CONDITION[scope](key)} and ${filterCondition(filter)}`);
}

/**
 * One page of conflicts, newest first, for each key: one statement whatever the number
 * of keys (a window numbers each key's rows). Filters and the cursor apply to every key.
 */
export async function conflictPages(
  db: TenantDb,
  viewer: string | null,
  scope: ConflictScope,
  keys: readonly string[],
  args: ConflictFilterArgs,
): Promise<Connection<ConflictType>[]> {
  const after = decodeCursor(args.after, CONFLICT_CURSOR);
  const rows = await db.query<ConflictRow & { key: string }>(
    `select * from (
       select k.key, c.*, row_number() over (partition by k.key order by ${conflictOrder('c')}) as row_in_key
         from unnest($1::uuid[]) as k(key)
         cross join lateral ${conflictsOf(scope, 'k.key', '$2', { status: '$3', severity: '$4', category: '$5', stage: '$6', after: '$7' })} c
     ) page
     where row_in_key <= $8
     order by key, row_in_key`,
    [
      keys,
      viewer,
      args.status?.length ? args.status : null,
      args.severity?.length ? args.severity : null,
      args.category?.length ? args.category : null,
      args.stage?.length ? args.stage : null,
      after ?? null,
      args.first + 1,
    ],
  );
  const byKey = new Map<string, (ConflictRow & { key: string })[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(row.key)?.push(row);
  return keys.map((k) => toConnection(byKey.get(k) ?? [], args.first, (r) => [r.opened_key, r.id], toConflict));
}
