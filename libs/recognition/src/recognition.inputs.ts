import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate, IsId, IsName } from '@joinedup/graphql-kit';
import { MAX_ACTIVE_MEMBERS } from '@joinedup/registry';
import { RecognitionVisibility } from './recognition.rules';

/** The most milestones one programme may have. */
export const MAX_MILESTONES_PER_PROGRAMME = 30;
/** The longest reason a recognition may give. */
export const MAX_REASON_LENGTH = 2000;
/** The most recognitions one list returns at once. */
export const MAX_RECOGNITIONS_LISTED = 100;

@InputType()
export class CreateMilestoneInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field({ description: 'Unique in the programme.' })
  @IsName()
  name!: string;

  @Field({ description: "YYYY-MM-DD, within the programme's start and end dates when it has them." })
  @IsCalendarDate()
  dueOn!: string;

  @Field(() => [ID], { defaultValue: [], description: 'Organisations taking part in the programme that contribute to it.' })
  @ArrayMaxSize(MAX_ACTIVE_MEMBERS)
  @ArrayUnique({ message: 'contributorIds must list each organisation once' })
  @IsId({ each: true })
  contributorIds: string[] = [];

  @Field({ nullable: true, description: 'YYYY-MM-DD, for a milestone already achieved; not in the future.' })
  @IsOptional()
  @IsCalendarDate()
  achievedOn?: string;
}

@InputType()
export class UpdateMilestoneInput {
  @Field(() => ID)
  @IsId()
  milestoneId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsName()
  name?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @Field(() => [ID], { nullable: true, description: 'Replaces the contributors; organisations added must take part in the programme.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ACTIVE_MEMBERS)
  @ArrayUnique({ message: 'contributorIds must list each organisation once' })
  @IsId({ each: true })
  contributorIds?: string[];
}

@InputType()
export class AchieveMilestoneInput {
  @Field(() => ID)
  @IsId()
  milestoneId!: string;

  @Field({
    nullable: true,
    description: 'YYYY-MM-DD, today if left out; not in the future. Given again, it corrects the date.',
  })
  @IsOptional()
  @IsCalendarDate()
  achievedOn?: string;
}

@InputType()
export class RecordRecognitionInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field(() => ID, { nullable: true, description: 'Who is credited: a person of an organisation taking part (or creditedOrganisationId).' })
  @IsOptional()
  @IsId()
  creditedPersonId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who is credited: an organisation taking part (or creditedPersonId).' })
  @IsOptional()
  @IsId()
  creditedOrganisationId?: string | null;

  @Field({ description: 'What it recognises.' })
  @IsName(MAX_REASON_LENGTH)
  reason!: string;

  @Field(() => ID, { nullable: true, description: 'An achieved milestone of the same programme it recognises.' })
  @IsOptional()
  @IsId()
  milestoneId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who gave it: a person (or givenByOrganisationId).' })
  @IsOptional()
  @IsId()
  givenByPersonId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who gave it: an organisation (or givenByPersonId).' })
  @IsOptional()
  @IsId()
  givenByOrganisationId?: string | null;

  @Field({
    nullable: true,
    description: "YYYY-MM-DD, today if left out; not in the future, and not before its milestone's achievement.",
  })
  @IsOptional()
  @IsCalendarDate()
  givenOn?: string;

  @Field(() => [RecognitionVisibility], { description: 'Where it was made visible: one or more places, each once.' })
  @ArrayMinSize(1, { message: 'visibleIn must name at least one place' })
  @ArrayMaxSize(3)
  @ArrayUnique({ message: 'visibleIn must name each place once' })
  @IsEnum(RecognitionVisibility, { each: true })
  visibleIn!: RecognitionVisibility[];
}

/** A period of recognitions received, by the date they were given. */
@ArgsType()
export class RecognitionPeriodArgs {
  @Field({ description: 'YYYY-MM-DD, included.' })
  @IsCalendarDate()
  from!: string;

  @Field({ description: 'YYYY-MM-DD, included.' })
  @IsCalendarDate()
  to!: string;

  @Field(() => Int, { defaultValue: 20, description: `How many recognitions to list, 1 to ${MAX_RECOGNITIONS_LISTED}; the counts cover all.` })
  @IsInt()
  @Min(1)
  @Max(MAX_RECOGNITIONS_LISTED)
  first = 20;
}

@ArgsType()
export class OrganisationRecognitionArgs extends RecognitionPeriodArgs {
  @Field(() => Boolean, { defaultValue: true, description: "Also those given to the organisation's people (by default)." })
  @IsBoolean()
  includePeople = true;
}

@ArgsType()
export class MilestoneRecognitionArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many, newest first, 1 to ${MAX_RECOGNITIONS_LISTED}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_RECOGNITIONS_LISTED)
  first = 20;
}
