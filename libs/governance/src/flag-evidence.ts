import { Injectable } from '@nestjs/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { groupBy, requestLoader } from '@joinedup/graphql-kit';

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

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ANY_ARRAY = (value: string, kind: 'object' | 'array', empty: string) =>
  `case when jsonb_typeof(${value}) = '${kind}' then ${value} else '${empty}' end`;

/**
 * The records the evidence of the flag row `flag` names (nested objects included), as rows
 * `type, id, role` of `records`, read in RECORD_ORDER: walked depth first in the evidence's
 * key order, a named key's list not walked into, each record once (its first place), at most
 * MAX_EVIDENCE_RECORDS, then by kind in ORDER. The compiled read and the executed resolver
 * both read it.
 */
export const RECORD_ORDER = (records: string) => `${records}.kind, ${records}.path`;

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

/** Reads the evidence records of flags, one statement per list of flags. */
@Injectable()
export class FlagEvidenceLoaders {
  constructor(private readonly db: TenantDb) {}

  records(): DataLoader<string, FlagEvidenceRecordType[]> {
    return requestLoader('governance.flagEvidenceRecords', async (ids) => {
      const rows = await this.db.query<FlagEvidenceRecordType & { flagId: string }>(
        `select f.id as "flagId", r.type, r.id, r.role
           from governance_flag f cross join lateral (select r.* ${evidenceRecordsFrom('f', 'r')}) r
          where f.id = any($1::uuid[])
          order by f.id, ${RECORD_ORDER('r')}`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.flagId).map((records) => records.map(({ flagId: _flagId, ...record }) => record));
    });
  }
}
