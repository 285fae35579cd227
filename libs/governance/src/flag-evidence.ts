import { Injectable } from '@nestjs/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { oneBy, requestLoader } from '@joinedup/graphql-kit';
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

/** Reads the evidence records of flags (as stored), one statement per list of flags. */
@Injectable()
export class FlagEvidenceLoaders {
  constructor(private readonly db: TenantDb) {}

  records(): DataLoader<string, FlagEvidenceRecordType[]> {
    return requestLoader('governance.flagEvidenceRecords', async (ids) => {
      const rows = await this.db.query<{ flagId: string; records: FlagEvidenceRecordType[] }>(
        `select f.id as "flagId", f.evidence_records as records from governance_flag f where f.id = any($1::uuid[])`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.flagId).map((found) => found?.records ?? []);
    });
  }
}
