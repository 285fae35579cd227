/**
 * What a flag's evidence names, in SQL and plain TypeScript only (no framework): the
 * migration that keeps each flag's records makes its function from these definitions.
 */

/** The kinds of record a flag's evidence names, each one a client can read alone by its id. */
export enum EvidenceRecordType {
  LOCALITY = 'LOCALITY',
  PROGRAMME = 'PROGRAMME',
  PROGRAMME_ROLE = 'PROGRAMME_ROLE',
  CONFLICT = 'CONFLICT',
  CONFLICT_PROCESS = 'CONFLICT_PROCESS',
  BRIEFING = 'BRIEFING',
  ALIGNMENT_REQUEST = 'ALIGNMENT_REQUEST',
  IMPROVEMENT_REVIEW = 'IMPROVEMENT_REVIEW',
  MILESTONE = 'MILESTONE',
  RECOGNITION = 'RECOGNITION',
  ORGANISATION = 'ORGANISATION',
  PERSON = 'PERSON',
}

/**
 * What each id in the rules' evidence (jsonb_build_object keys) names. Keys ending in
 * `Ids` hold lists. A new key in a rule's evidence must be listed here or in
 * NESTED_EVIDENCE_KEYS (flag-evidence.spec.ts reads the rules to check it).
 */
export const EVIDENCE_KEYS: Readonly<Record<string, EvidenceRecordType>> = {
  localityId: EvidenceRecordType.LOCALITY,
  organisationId: EvidenceRecordType.ORGANISATION,
  requestingOrganisationId: EvidenceRecordType.ORGANISATION,
  targetOrganisationId: EvidenceRecordType.ORGANISATION,
  opposingOrganisationIds: EvidenceRecordType.ORGANISATION,
  personId: EvidenceRecordType.PERSON,
  programmeId: EvidenceRecordType.PROGRAMME,
  roleId: EvidenceRecordType.PROGRAMME_ROLE,
  conflictId: EvidenceRecordType.CONFLICT,
  closedUnresolvedConflictIds: EvidenceRecordType.CONFLICT,
  unagreedProcessIds: EvidenceRecordType.CONFLICT_PROCESS,
  lastBriefingId: EvidenceRecordType.BRIEFING,
  briefingIds: EvidenceRecordType.BRIEFING,
  unacknowledgedBriefingIds: EvidenceRecordType.BRIEFING,
  requestId: EvidenceRecordType.ALIGNMENT_REQUEST,
  declinedRequestIds: EvidenceRecordType.ALIGNMENT_REQUEST,
  agreedRequestIds: EvidenceRecordType.ALIGNMENT_REQUEST,
  lastReviewId: EvidenceRecordType.IMPROVEMENT_REVIEW,
  reviewId: EvidenceRecordType.IMPROVEMENT_REVIEW,
  milestoneId: EvidenceRecordType.MILESTONE,
  milestoneIds: EvidenceRecordType.MILESTONE,
  lastRecognitionId: EvidenceRecordType.RECOGNITION,
};

/**
 * Ids of records that have no query of their own: each is shown inside a record the same
 * evidence names (a nomination or leader in its programme, an assignment in its role, an
 * action in its programme, a measure's values in its reviews, a process version in its conflict).
 */
export const NESTED_EVIDENCE_KEYS: readonly string[] = [
  'nominationId',
  'notReconfirmedNominationId',
  'leaderId',
  'previousLeaderId',
  'assignmentId',
  'actionId',
  'measureId',
  'processVersionId',
];

/** At most this many records are listed for one flag (a decline rate may name many requests). */
export const MAX_EVIDENCE_RECORDS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where and what first (locality, programme, the records themselves), then the bodies and people. */
const ORDER = Object.values(EvidenceRecordType);

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ANY_ARRAY = (value: string, kind: 'object' | 'array', empty: string) =>
  `case when jsonb_typeof(${value}) = '${kind}' then ${value} else '${empty}' end`;

/**
 * The records the evidence `evidence` (a jsonb expression) names (nested objects included), as rows
 * `type, id, role` of `records`, read in RECORD_ORDER: walked depth first in the evidence's
 * key order, a named key's list not walked into, each record once (its first place), at most
 * MAX_EVIDENCE_RECORDS, then by kind in ORDER. The one definition: EVIDENCE_RECORDS_FUNCTION
 * is made of it, and a flag keeps its result (evidence_records) as a column generated from its evidence.
 */
export const RECORD_ORDER = (records: string) => `${records}.kind, ${records}.path`;

export function evidenceRecordsFrom(evidence: string, records: string): string {
  const keys = Object.entries(EVIDENCE_KEYS);
  const named = keys.map(([key]) => sqlText(key)).join(', ');
  const kinds = keys.map(([key, type]) => `(${sqlText(key)}, ${sqlText(type)}, ${ORDER.indexOf(type)})`).join(', ');
  return `from (
      with recursive walk(path, key, value) as (
        select array[]::bigint[], null::text, ${evidence}
        union all
        select w.path || inner_value.n, inner_value.key, inner_value.value
          from walk w cross join lateral (
            select o.key, o.value, o.n from jsonb_each(${ANY_ARRAY('w.value', 'object', '{}')}) with ordinality o(key, value, n)
            union all
            select null, a.value, a.n from jsonb_array_elements(${ANY_ARRAY('w.value', 'array', '[]')}) with ordinality a(value, n)) inner_value
         where w.key is null or w.key not in (${named})
      ),
      found as (
        select distinct on (k.type, x.id) k.type, k.kind, x.id, w.key as role, w.path || x.n as path
          from walk w
          join (values ${kinds}) k(key, type, kind) on k.key = w.key
          cross join lateral jsonb_array_elements(case when jsonb_typeof(w.value) = 'array' then w.value else jsonb_build_array(w.value) end)
                             with ordinality e(value, n)
          cross join lateral (select e.value #>> '{}' as id, e.n) x
         where jsonb_typeof(e.value) = 'string' and x.id ~* '${UUID.source}'
         order by k.type, x.id, w.path || x.n
      )
      select type, kind, id, role, path from found order by path limit ${MAX_EVIDENCE_RECORDS}) ${records}`;
}

/** The function whose value is a flag's evidence_records (a generated column): immutable, it reads the evidence only. */
export const EVIDENCE_RECORDS_FUNCTION = 'governance_flag_evidence_records';

/** The body of EVIDENCE_RECORDS_FUNCTION: the records as a json array of {type, id, role}, in RECORD_ORDER. */
export function evidenceRecordsFunctionBody(): string {
  return `
  select coalesce(jsonb_agg(jsonb_build_object('type', r.type, 'id', r.id, 'role', r.role) order by ${RECORD_ORDER('r')}), '[]'::jsonb)
  ${evidenceRecordsFrom('evidence', 'r')}`;
}

/**
 * (Re)creates EVIDENCE_RECORDS_FUNCTION as the code defines it. A stored generated column
 * keeps its values when its function changes: a migration that runs this again also
 * rewrites the column (update governance_flag set evidence = evidence).
 */
export function evidenceRecordsFunctionSql(): string {
  return `create or replace function ${EVIDENCE_RECORDS_FUNCTION}(evidence jsonb) returns jsonb
  language sql immutable parallel safe set search_path = public, pg_temp
  as $fn$${evidenceRecordsFunctionBody()}$fn$`;
}

/** A flag's stored records (the jsonb `stored`) as rows `type, id, role` of `records`, ordered by RECORD_POSITION. */
const recordsOf = (stored: string, records: string): string =>
  `from rows from (jsonb_to_recordset(${stored}) as (type text, id text, role text)) with ordinality ${records}(type, id, role, n)`;

/** The stored records of the flag row `flag` as rows `type, id, role` of `records`, ordered by RECORD_POSITION. */
export const storedEvidenceRecords = (flag: string, records: string): string => recordsOf(`${flag}.evidence_records`, records);
export const RECORD_POSITION = (records: string) => `${records}.n`;

/** A record's fields in the order of the json text a flag keeps of its records (evidence_records_json). */
export const EVIDENCE_RECORD_FIELDS = ['type', 'id', 'role'] as const;

/**
 * The function whose value is a flag's evidence_records_json (a generated column): its
 * records as the json text GraphQL answers for `evidenceRecords { type id role }` (what
 * every page asks), written as the compiled read writes a list, so that read copies it.
 */
export const EVIDENCE_RECORDS_JSON_FUNCTION = 'governance_flag_evidence_records_json';

export function evidenceRecordsJsonFunctionBody(): string {
  const fields = EVIDENCE_RECORD_FIELDS.map((field, i) => `'${i ? ',' : '{'}"${field}":', coalesce(to_json(r.${field})::text, 'null')`);
  return `
  select coalesce('[' || string_agg(concat(${fields.join(', ')}, '}'), ',' order by ${RECORD_POSITION('r')}) || ']', '[]')
  ${recordsOf('records', 'r')}`;
}

/** (Re)creates EVIDENCE_RECORDS_JSON_FUNCTION, of the records EVIDENCE_RECORDS_FUNCTION gives. */
export function evidenceRecordsJsonFunctionSql(): string {
  return `create or replace function ${EVIDENCE_RECORDS_JSON_FUNCTION}(records jsonb) returns text
  language sql immutable parallel safe set search_path = public, pg_temp
  as $fn$${evidenceRecordsJsonFunctionBody()}$fn$`;
}
