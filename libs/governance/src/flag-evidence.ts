import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EvidenceRecordType } from './flag-evidence.sql';

export * from './flag-evidence.sql';

registerEnumType(EvidenceRecordType, {
  name: 'EvidenceRecordType',
  description: 'A kind of record named by a flag’s evidence; each is read by its own query (locality, organisation, person, programme, programmeRole, conflict, conflictProcess, briefing, alignmentRequest, improvementReview, milestone, recognition).',
});

@ObjectType('FlagEvidenceRecord', { description: 'A record named by a flag’s evidence.' })
export class FlagEvidenceRecordType {
  @Field(() => EvidenceRecordType)
  type!: EvidenceRecordType;

  @Field(() => ID)
  id!: string;

  @Field({ description: 'The evidence field that names it, e.g. requestingOrganisationId.' })
  role!: string;
}

/** An evidence record as its description reads it (storedEvidenceRecords: `type, id, role`). */
export const toEvidenceRecord = (row: { type: EvidenceRecordType; id: string; role: string }): FlagEvidenceRecordType => ({
  type: row.type,
  id: row.id,
  role: row.role,
});
