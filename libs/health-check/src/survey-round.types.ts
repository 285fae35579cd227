import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Barrier } from '@joinedup/governance';
import { ConnectionType, listOf } from '@joinedup/graphql-kit';
import { OrganisationType, PersonType } from '@joinedup/registry';
import { MAX_INVITATIONS_PER_CALL } from './survey-round.inputs';
import { SurveyRoundStatus } from './survey-round-status';

@ObjectType('SurveyStatement', { description: 'A statement of a health-check instrument, with its 2007 baseline.' })
export class SurveyStatementType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its place in the instrument, from 1.' })
  position!: number;

  @Field(() => Barrier, { nullable: true, description: 'The barrier it measures; empty for a question that measures none.' })
  barrier!: Barrier | null;

  @Field()
  text!: string;

  @Field(() => Float, { nullable: true, description: 'Share of the 2007 respondents reporting the weakness, 0 to 1.' })
  baselineShare!: number | null;

  @Field(() => String, { nullable: true, description: 'The baseline as the 2007 report gives it, e.g. "47 %" or "> 1/3".' })
  baselineLabel!: string | null;
}

@ObjectType('HealthCheckInstrument', { description: 'A versioned set of statements; the built-in one is the 2007 north-east survey.' })
export class HealthCheckInstrumentType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => [SurveyStatementType], { description: 'In order of position.' })
  statements!: SurveyStatementType[];
}

@ObjectType('SurveyRound', { description: 'A health check of a locality (or one of its programmes) between two days.' })
export class SurveyRoundType {
  @Field(() => ID)
  id!: string;

  localityId!: string;
  programmeId!: string | null;
  instrumentId!: string;

  @Field()
  title!: string;

  @Field({ description: 'YYYY-MM-DD, the first day answers are taken.' })
  opensOn!: string;

  @Field({ description: 'YYYY-MM-DD, the last day answers are taken or changed (UTC); links expire at its end.' })
  closesOn!: string;

  @Field(() => SurveyRoundStatus)
  status!: SurveyRoundStatus;

  @Field({ description: 'Whether NEUTRAL answers count as reporting the weakness in this round’s results.' })
  countNeutral!: boolean;

  @Field(() => Int, { description: 'Results by organisation or sector show only groups of at least this many responses.' })
  minGroupSize!: number;
}

export const SurveyRoundConnection = ConnectionType(SurveyRoundType, 'SurveyRoundConnection');

@ObjectType('SurveyInvitationLink', { description: 'One new invitation: whom to send which link. Shown once, never stored.' })
export class SurveyInvitationLinkType {
  @Field(() => PersonType)
  person!: PersonType;

  @Field(() => OrganisationType, { description: 'The organisation their answers will be counted for.' })
  organisation!: OrganisationType;

  @Field({ description: 'The single-use response token (only its hash is kept).' })
  token!: string;

  @Field({ description: 'The response link to send: the configured link base followed by the token.' })
  link!: string;
}

@ObjectType('SurveyInvitations')
export class SurveyInvitationsType {
  @Field(() => Int, { description: 'People invited by this call.' })
  invited!: number;

  @Field(() => Int, { description: 'People asked for who had been invited to the round before (no new link).' })
  alreadyInvited!: number;

  @Field(() => Int, {
    description:
      'People of this call whose link is being sent to them by email (sending switched on and an email address known): their links are in no answer, and nobody sees them but them. 0 when sending is off.',
  })
  emailed!: number;

  @Field(() => Int, {
    description:
      'People of this call with an email address who asked for no more health-check email (the unsubscribe link of an earlier one): not emailed; their links are in `links`, to hand over. 0 when sending is off.',
  })
  emailSkipped!: number;

  @Field(() => [SurveyInvitationLinkType], {
    description:
      'The new invitations whose links the coordinator hands over (all of them when sending email is off; else those without an email address), by organisation and name. The only place their tokens are ever shown.',
    complexity: listOf(MAX_INVITATIONS_PER_CALL),
  })
  links!: SurveyInvitationLinkType[];
}
