import { TenantDb } from '@joinedup/database';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { CONFLICT_COLUMNS, conflictSource, readableCondition } from './conflict-visibility';
import { ConflictFilterArgs } from './conflicts.inputs';
import { ConflictRow, toConflict } from './conflicts.rows';
import { ConflictType } from './conflicts.types';

/** What a list of conflicts is a list of. */
export type ConflictScope = 'LOCALITY' | 'PROGRAMME' | 'ORGANISATION';

/**
 * How a conflict belongs to a key of each scope. An organisation's conflicts are those
 * it raised or is a party to, and only where the viewer may read who is involved: a
 * representative of another body must not learn the parties by filtering on them.
 */
const SCOPE_CONDITION: Record<ConflictScope, string> = {
  LOCALITY: 'c.locality_id = k.key',
  PROGRAMME: 'c.programme_id = k.key',
  ORGANISATION: `v.details_visible and (c.raised_by_organisation_id = k.key or exists (
    select 1 from conflict_party kp where kp.tenant_id = c.tenant_id and kp.conflict_id = c.id and kp.organisation_id = k.key))`,
};

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
  const after = decodeCursor(args.after, ['timestamp', 'uuid']);
  const rows = await db.query<ConflictRow & { key: string }>(
    `select * from (
       select k.key, ${CONFLICT_COLUMNS},
              row_number() over (partition by k.key order by c.opened_at desc, c.id desc) as row_in_key
         from ${conflictSource('$2')}
         join unnest($1::uuid[]) as k(key) on ${SCOPE_CONDITION[scope]}
        where ${readableCondition('c', '$2')}
          and ($3::text[] is null or c.status = any($3::text[]))
          and ($4::text[] is null or c.severity = any($4::text[]))
          and ($5::text[] is null or c.category = any($5::text[]))
          and ($9::int[] is null or c.current_stage = any($9::int[]))
          and ($6::timestamptz is null or (c.opened_at, c.id) < ($6::timestamptz, $7::uuid))
     ) page
     where row_in_key <= $8
     order by key, row_in_key`,
    [
      keys,
      viewer,
      args.status?.length ? args.status : null,
      args.severity?.length ? args.severity : null,
      args.category?.length ? args.category : null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      args.first + 1,
      args.stage?.length ? args.stage : null,
    ],
  );
  const byKey = new Map<string, (ConflictRow & { key: string })[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(row.key)?.push(row);
  return keys.map((k) => toConnection(byKey.get(k) ?? [], args.first, (r) => [r.opened_key, r.id], toConflict));
}
