import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AgreementRuleKind, EndorsementPosition } from './agreement';

export enum ProgrammeStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}

export enum NominationStatus {
  OPEN = 'OPEN',
  AGREED = 'AGREED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ProgrammeStatus, { name: 'ProgrammeStatus' });
registerEnumType(NominationStatus, { name: 'NominationStatus' });
registerEnumType(AgreementRuleKind, { name: 'AgreementRuleKind' });
registerEnumType(EndorsementPosition, { name: 'EndorsementPosition' });

@ObjectType('AgreementRule', { description: 'When a leader nomination counts as agreed.' })
export class AgreementRuleType {
  @Field(() => AgreementRuleKind)
  kind!: AgreementRuleKind;

  @Field(() => Float, { nullable: true, description: 'QUALIFIED_MAJORITY: share of participants that must support.' })
  supportThreshold!: number | null;

  @Field(() => Int, { nullable: true, description: 'QUALIFIED_MAJORITY: most participants that may oppose.' })
  maxOpposing!: number | null;
}

@ObjectType('Programme', { description: 'A partnership programme in a locality.' })
export class ProgrammeType {
  @Field(() => ID)
  id!: string;

  localityId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => ProgrammeStatus)
  status!: ProgrammeStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  endsOn!: string | null;

  @Field(() => Int)
  reviewCadenceDays!: number;

  @Field(() => AgreementRuleType)
  agreementRule!: AgreementRuleType;

  @Field(() => Int, { description: 'Months after agreement when the leader is due for re-confirmation.' })
  leaderTermMonths!: number;
}

@ObjectType('ProgrammeLeader', { description: 'The agreed overall leader of a programme.' })
export class ProgrammeLeaderType {
  @Field(() => ID)
  id!: string;

  personId!: string;

  @Field(() => ID)
  nominationId!: string;

  @Field()
  agreedAt!: Date;

  @Field({ description: 'YYYY-MM-DD: re-confirmation is due by then.' })
  reconfirmBy!: string;

  @Field(() => Date, { nullable: true })
  steppedDownAt!: Date | null;

  @Field(() => String, { nullable: true })
  stepDownReason!: string | null;
}

@ObjectType('LeaderNomination', { description: 'A person proposed as overall leader of a programme.' })
export class NominationType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;
  personId!: string;

  @Field(() => NominationStatus)
  status!: NominationStatus;

  @Field(() => ID)
  nominatedByUserId!: string;

  @Field()
  nominatedAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
}

@ObjectType('Endorsement', { description: "An organisation's position on a nomination." })
export class EndorsementType {
  @Field(() => ID)
  id!: string;

  nominationId!: string;
  organisationId!: string;

  @Field(() => EndorsementPosition)
  position!: EndorsementPosition;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => ID)
  endorsedByUserId!: string;

  @Field()
  endorsedAt!: Date;
}

@ObjectType('EndorsementTally', { description: 'Current positions of the participating organisations.' })
export class TallyType {
  @Field(() => Int)
  participants!: number;

  @Field(() => Int)
  supporting!: number;

  @Field(() => Int)
  opposing!: number;

  @Field(() => Int)
  abstaining!: number;

  @Field(() => Int)
  pending!: number;

  @Field({ description: "Whether these positions satisfy the programme's agreement rule." })
  agreed!: boolean;
}
