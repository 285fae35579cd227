import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

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
registerEnumType(EvidenceRecordType, {
  name: 'EvidenceRecordType',
  description: 'A kind of record named by a flag’s evidence; each is read by its own query (locality, organisation, person, programme, programmeRole, conflict, conflictProcess, briefing, alignmentRequest, improvementReview, milestone, recognition).',
});

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

@ObjectType('FlagEvidenceRecord', { description: 'A record named by a flag’s evidence.' })
export class FlagEvidenceRecordType {
  @Field(() => EvidenceRecordType)
  type!: EvidenceRecordType;

  @Field(() => ID)
  id!: string;

  @Field({ description: 'The evidence field that names it, e.g. requestingOrganisationId.' })
  role!: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where and what first (locality, programme, the records themselves), then the bodies and people. */
const ORDER = Object.values(EvidenceRecordType);

/**
 * The records a flag's evidence names (nested objects included), each once, by kind in
 * ORDER and then as the evidence lists them; at most MAX_EVIDENCE_RECORDS.
 */
export function evidenceRecords(evidence: unknown): FlagEvidenceRecordType[] {
  const found: FlagEvidenceRecordType[] = [];
  const seen = new Set<string>();
  const add = (type: EvidenceRecordType, id: unknown, role: string) => {
    if (typeof id !== 'string' || !UUID.test(id) || seen.has(`${type}:${id}`) || found.length >= MAX_EVIDENCE_RECORDS) return;
    seen.add(`${type}:${id}`);
    found.push({ type, id, role });
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      const type = Object.prototype.hasOwnProperty.call(EVIDENCE_KEYS, key) ? EVIDENCE_KEYS[key] : undefined;
      if (type) (Array.isArray(inner) ? inner : [inner]).forEach((id) => add(type, id, key));
      else walk(inner);
    }
  };
  walk(evidence);
  return found.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
}

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ANY_ARRAY = (value: string, kind: 'object' | 'array', empty: string) =>
  `case when jsonb_typeof(${value}) = '${kind}' then ${value} else '${empty}' end`;

/**
 * evidenceRecords as SQL, for the one-statement read: the records the evidence of the flag
 * row `flag` names, as rows `type, id, role` of `records` ordered by `records.kind,
 * records.path`. The same walk as evidenceRecords: depth first in the evidence's key order
 * (jsonb's, which is the order its parsed object keeps), a named key's list not walked
 * into, each record once (its first place), at most MAX_EVIDENCE_RECORDS, then by kind.
 */
export function evidenceRecordsFrom(flag: string, records: string): string {
  const keys = Object.entries(EVIDENCE_KEYS);
  const named = keys.map(([key]) => sqlText(key)).join(', ');
  const kinds = keys.map(([key, type]) => `(${sqlText(key)}, ${sqlText(type)}, ${ORDER.indexOf(type)})`).join(', ');
  return `from (
      with recursive walk(path, key, value) as (
        select array[]::bigint[], null::text, ${flag}.evidence
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
