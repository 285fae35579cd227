import { TenantDb } from '@joinedup/database';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from '@joinedup/registry';
import { AlignmentStatus } from './alignment-lifecycle';
import { Period } from './alignment-rules';
import { DeclineRateRow, REQUEST_COLUMNS, RequestRow, toDeclineRate, toRequest } from './alignment.rows';
import { AlignmentDeclineRateType, AlignmentRequestType } from './alignment.types';

/**
 * Who reads a request: whoever may read its programme. Member representatives read the
 * requests of the localities their organisation is an active member of; everyone else
 * reads the tenant's. `param` holds {@link viewerParam}.
 */
export const viewerParam = localityAccessParam;

/** The FROM clause of every read of requests: `r` with its locality `l`; pair it with readableCondition. */
export const REQUEST_SOURCE = 'alignment_request r join locality l on l.tenant_id = r.tenant_id and l.id = r.locality_id';

export const readableCondition = (param: string): string => localityAccessCondition('l', param);

/** What a list of requests is a list of. */
export type AlignmentScope = 'PROGRAMME' | 'ORGANISATION' | 'MADE' | 'RECEIVED';

/** How the requests `r` of each key `k.key` are found. */
export const SCOPE_CONDITION: Record<AlignmentScope, string> = {
  PROGRAMME: 'r.programme_id = k.key',
  MADE: 'r.requesting_organisation_id = k.key',
  RECEIVED: 'r.target_organisation_id = k.key',
  ORGANISATION: '(r.requesting_organisation_id = k.key or r.target_organisation_id = k.key)',
};

/**
 * SQL on requests `r` of a page: any of the `statuses` (text[], null for all), after the
 * cursor's `requestedAt` and `id` (null for the first page).
 */
export const pageCondition = (statuses: string, requestedAt: string, id: string): string =>
  `(${statuses}::text[] is null or r.status = any(${statuses}::text[]))
   and (${requestedAt}::timestamptz is null or (r.requested_at, r.id) < (${requestedAt}::timestamptz, ${id}::uuid))`;

export interface AlignmentPageFilter {
  first: number;
  after?: string;
  status?: AlignmentStatus[] | null;
  /** Narrows an organisation's lists to one programme. */
  programmeId?: string | null;
}

/**
 * One page of requests, newest first, for each key: one statement whatever the number of
 * keys (a window numbers each key's rows). Filters and the cursor apply to every key.
 */
export async function alignmentPages(
  db: TenantDb,
  viewer: string | null,
  scope: AlignmentScope,
  keys: readonly string[],
  filter: AlignmentPageFilter,
): Promise<Connection<AlignmentRequestType>[]> {
  const after = decodeCursor(filter.after, ['timestamp', 'uuid']);
  const rows = await db.query<RequestRow & { key: string }>(
    `select * from (
       select k.key, ${REQUEST_COLUMNS},
              row_number() over (partition by k.key order by r.requested_at desc, r.id desc) as row_in_key
         from ${REQUEST_SOURCE}
         join unnest($1::uuid[]) as k(key) on ${SCOPE_CONDITION[scope]}
        where ${readableCondition('$2')}
          and ($4::uuid is null or r.programme_id = $4::uuid)
          and ${pageCondition('$3', '$5', '$6')}
     ) page
     where row_in_key <= $7
     order by key, row_in_key`,
    [
      keys,
      viewer,
      filter.status?.length ? filter.status : null,
      filter.programmeId ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      filter.first + 1,
    ],
  );
  const byKey = new Map<string, (RequestRow & { key: string })[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(row.key)?.push(row);
  return keys.map((k) => toConnection(byKey.get(k) ?? [], filter.first, (r) => [r.requested_key, r.id], toRequest));
}

/** SQL: counts of the answers of `r` in the period from $2 to $3, and of requests waiting past their date now. */
const COUNTS = `
  count(r.id) filter (where r.response = 'AGREED' and r.responded_on between $2::date and $3::date)::int as agreed,
  count(r.id) filter (where r.response = 'DECLINED' and r.responded_on between $2::date and $3::date)::int as declined,
  count(r.id) filter (where r.status = 'REQUESTED' and r.response_due_on < current_date)::int as overdue_now`;

/**
 * The decline rate of each organisation (keys) over the requests addressed to it that the
 * viewer may read, optionally in one programme: one statement for all the keys.
 */
export async function organisationDeclineRates(
  db: TenantDb,
  viewer: string | null,
  keys: readonly string[],
  period: Period,
  programmeId: string | null,
): Promise<AlignmentDeclineRateType[]> {
  const rows = await db.query<DeclineRateRow>(
    `select k.key as organisation_id, $5::uuid as programme_id, ${COUNTS}
       from unnest($1::uuid[]) as k(key)
       left join (${REQUEST_SOURCE})
         on r.target_organisation_id = k.key and ${readableCondition('$4')} and ($5::uuid is null or r.programme_id = $5::uuid)
      group by k.key`,
    [keys, period.from, period.to, viewer, programmeId],
  );
  const byKey = new Map(rows.map((r) => [r.organisation_id, r]));
  return keys.map((k) => toDeclineRate(byKey.get(k)!, period));
}

/**
 * The decline rate, in each programme (keys), of every organisation taking part now or
 * ever asked there, by organisation name: one statement for all the programmes. Parents
 * are programmes the viewer may read, and so are their requests.
 */
export async function programmeDeclineRates(
  db: TenantDb,
  keys: readonly string[],
  period: Period,
): Promise<AlignmentDeclineRateType[][]> {
  const rows = await db.query<DeclineRateRow>(
    `with answering as (
       select pp.tenant_id, pp.programme_id, pp.organisation_id from programme_participant pp
        where pp.programme_id = any($1::uuid[]) and pp.left_at is null
       union
       select r.tenant_id, r.programme_id, r.target_organisation_id from alignment_request r where r.programme_id = any($1::uuid[])
     )
     select a.organisation_id, a.programme_id, ${COUNTS}
       from answering a
       join organisation o on o.tenant_id = a.tenant_id and o.id = a.organisation_id
       left join alignment_request r
         on r.tenant_id = a.tenant_id and r.programme_id = a.programme_id and r.target_organisation_id = a.organisation_id
      group by a.programme_id, a.organisation_id, o.name
      order by o.name, a.organisation_id`,
    [keys, period.from, period.to],
  );
  const byProgramme = new Map<string, AlignmentDeclineRateType[]>(keys.map((k) => [k, []]));
  for (const row of rows) byProgramme.get(row.programme_id!)?.push(toDeclineRate(row, period));
  return keys.map((k) => byProgramme.get(k) ?? []);
}
