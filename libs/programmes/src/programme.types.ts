import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, listOf } from '@joinedup/graphql-kit';
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
  /** A re-confirmation opposed beyond the agreement rule; the leader stays for now. */
  NOT_RECONFIRMED = 'NOT_RECONFIRMED',
}

/** What a nomination decides: a (new) leader, or whether the current leader stays. */
export enum NominationKind {
  LEADERSHIP = 'LEADERSHIP',
  RECONFIRMATION = 'RECONFIRMATION',
}

export enum ReconfirmationOutcome {
  RECONFIRMED = 'RECONFIRMED',
  NOT_RECONFIRMED = 'NOT_RECONFIRMED',
}

registerEnumType(ProgrammeStatus, { name: 'ProgrammeStatus' });
registerEnumType(NominationStatus, { name: 'NominationStatus' });
registerEnumType(NominationKind, { name: 'NominationKind' });
registerEnumType(ReconfirmationOutcome, { name: 'ReconfirmationOutcome' });
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

export const ProgrammeConnection = ConnectionType(ProgrammeType, 'ProgrammeConnection');

@ObjectType('ProgrammeLeader', { description: 'The agreed overall leader of a programme.' })
export class ProgrammeLeaderType {
  @Field(() => ID)
  id!: string;

  personId!: string;

  @Field(() => ID)
  nominationId!: string;

  @Field()
  agreedAt!: Date;

  @Field({ description: 'YYYY-MM-DD: re-confirmation is due by then; moved on by each re-confirmation.' })
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

  @Field(() => NominationKind, {
    description: 'LEADERSHIP proposes a leader; RECONFIRMATION asks whether the current leader stays.',
  })
  kind!: NominationKind;

  /** RECONFIRMATION: the agreed leader (programme_leader row) it re-confirms. */
  leaderId!: string | null;

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

  @Field(() => Int, {
    nullable: true,
    description: "How many participants must support under the programme's agreement rule (which may also limit those opposing); empty when none take part.",
  })
  supportNeeded!: number | null;
}

@ObjectType('LeaderReconfirmation', { description: 'A decided re-confirmation of an agreed leader.' })
export class LeaderReconfirmationType {
  @Field(() => ID)
  id!: string;

  leaderId!: string;
  nominationId!: string;

  @Field(() => ReconfirmationOutcome)
  outcome!: ReconfirmationOutcome;

  @Field({ description: 'YYYY-MM-DD: when this re-confirmation was due.' })
  dueOn!: string;

  @Field({ description: 'When the nomination was decided either way.' })
  decidedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the leader was re-confirmed; null when not re-confirmed.' })
  reconfirmedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the next re-confirmation it set; null when not re-confirmed.' })
  nextReconfirmBy!: string | null;
}

@ObjectType('NominationsToEndorse', {
  description: 'Open leader nominations of programmes an organisation takes part in now on which it holds no position yet.',
})
export class NominationsToEndorseType {
  @Field(() => Int, { description: 'How many there are.' })
  count!: number;

  // Counted once: the field that returns this object already multiplies its cost by `first`.
  @Field(() => [NominationType], { description: 'The longest waiting first, at most `first` of them.', complexity: listOf(1) })
  nodes!: NominationType[];
}
