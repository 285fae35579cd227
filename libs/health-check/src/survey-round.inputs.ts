import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate, IsId, IsName, PageArgs } from '@joinedup/graphql-kit';

/** One call invites at most this many people: each gets a link in the answer. */
export const MAX_INVITATIONS_PER_CALL = 1000;

@InputType()
export class OpenSurveyRoundInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field(() => ID, { nullable: true, description: 'A programme of the locality: invite its participating bodies rather than all members.' })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field({ description: 'e.g. "Spring 2026 health check".' })
  @IsName()
  title!: string;

  @Field({ description: 'YYYY-MM-DD, the first day answers are taken.' })
  @IsCalendarDate()
  opensOn!: string;

  @Field({ description: 'YYYY-MM-DD, the last day (UTC); today or later, not before opensOn.' })
  @IsCalendarDate()
  closesOn!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'Count NEUTRAL answers as reporting the weakness (fixed for the round).' })
  @IsBoolean()
  countNeutral: boolean = false;

  @Field(() => Int, { defaultValue: 5, description: 'Smallest group of responses shown by organisation or sector, 3 to 100.' })
  @IsInt()
  @Min(3, { message: 'minGroupSize must be from 3 to 100' })
  @Max(100, { message: 'minGroupSize must be from 3 to 100' })
  minGroupSize: number = 5;
}

@InputType()
export class InviteToSurveyRoundInput {
  @Field(() => ID)
  @IsId()
  roundId!: string;

  @Field(() => [ID], { nullable: true, description: 'Invite the people of these bodies (in the round’s scope).' })
  @IsOptional()
  @ArrayMaxSize(MAX_INVITATIONS_PER_CALL)
  @IsId({ each: true })
  organisationIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Invite these people (of bodies in the round’s scope). Leave out both lists to invite everyone in scope.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_INVITATIONS_PER_CALL)
  @IsId({ each: true })
  personIds?: string[] | null;
}

@ArgsType()
export class SurveyRoundsArgs extends PageArgs {
  @Field(() => ID)
  @IsId()
  localityId!: string;
}
