import { TenantDb } from '@joinedup/database';
import { badInput } from '@joinedup/errors';
import { Connection, PageArgs, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { localityAccessCondition } from '@joinedup/registry';
import { isCalendarDate } from './briefing-rules';
import { BriefingRow, briefingColumns, toBriefing } from './briefings.rows';
import { BriefingType } from './briefings.types';

/** What a list of briefings is a list of: a programme's, or those an organisation has not acknowledged. */
export type BriefingScope = 'PROGRAMME' | 'UNACKNOWLEDGED';

/** How the briefings `b` of each key `k.key` are found. */
const SCOPE_SOURCE: Record<BriefingScope, string> = {
  PROGRAMME: `join briefing b on b.programme_id = k.key`,
  UNACKNOWLEDGED: `join briefing_recipient r on r.organisation_id = k.key and r.acknowledgement_id is null
    join briefing b on b.tenant_id = r.tenant_id and b.id = r.briefing_id`,
};

export interface BriefingListFilter {
  /** localityAccessParam of the caller: only briefings of programmes in localities they may see. */
  access: string | null;
  /** Issue dates from and to (both included), when given. */
  from?: string | null;
  to?: string | null;
}

/**
 * One page of briefings, newest first (issue date, then when recorded), for each key: one
 * statement whatever the number of keys (a window numbers each key's rows).
 */
export async function briefingPages(
  db: TenantDb,
  scope: BriefingScope,
  keys: readonly string[],
  page: PageArgs,
  filter: BriefingListFilter,
): Promise<Connection<BriefingType>[]> {
  const after = decodeCursor(page.after, ['text', 'timestamp', 'uuid']);
  if (after && !isCalendarDate(after[0])) throw badInput('The cursor is not one this list gave out.', 'after');
  const rows = await db.query<BriefingRow & { key: string }>(
    `select * from (
       select k.key, ${briefingColumns('b')},
              row_number() over (partition by k.key order by b.issued_on desc, b.issued_at desc, b.id desc) as row_in_key
         from unnest($1::uuid[]) as k(key)
         ${SCOPE_SOURCE[scope]}
         join programme p on p.tenant_id = b.tenant_id and p.id = b.programme_id
         join locality l on l.tenant_id = p.tenant_id and l.id = p.locality_id
        where ${localityAccessCondition('l', '$2')}
          and ($3::date is null or b.issued_on >= $3::date)
          and ($4::date is null or b.issued_on <= $4::date)
          and ($5::date is null or (b.issued_on, b.issued_at, b.id) < ($5::date, $6::timestamptz, $7::uuid))
     ) page
     where row_in_key <= $8
     order by key, row_in_key`,
    [keys, filter.access, filter.from ?? null, filter.to ?? null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, page.first + 1],
  );
  const byKey = new Map<string, (BriefingRow & { key: string })[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(row.key)?.push(row);
  return keys.map((k) => toConnection(byKey.get(k) ?? [], page.first, (r) => [r.issued_on, r.issued_key, r.id], toBriefing));
}
