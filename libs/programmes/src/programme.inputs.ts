import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
 
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsId, IsName, IsOptionalText, PageArgs } from '@joinedup/graphql-kit';
import { AgreementRuleKind, EndorsementPosition } from './agreement';
import { ProgrammeStatus } from './programme.types';


@InputType()
export class AgreementRuleInput {
  @Field(() => AgreementRuleKind)
  @IsEnum(AgreementRuleKind)
  kind!: AgreementRuleKind;

  @Field(() => Float, { nullable: true, description: 'QUALIFIED_MAJORITY: e.g. 0.667 for two thirds.' })
  @IsOptional()
  @IsNumber()
  @Min(0.01, { message: 'supportThreshold must be more than 0 and at most 1' })
  @Max(1, { message: 'supportThreshold must be more than 0 and at most 1' })
  supportThreshold?: number | null;

  @Field(() => Int, { nullable: true, description: 'QUALIFIED_MAJORITY: most organisations that may oppose.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(40)
  maxOpposing?: number | null;
}

@InputType()
export class CreateProgrammeInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field()
  @IsName()
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(2000)
  purpose?: string | null;

  @Field(() => ProgrammeStatus, { defaultValue: ProgrammeStatus.DRAFT })
  @IsEnum(ProgrammeStatus)
  status: ProgrammeStatus = ProgrammeStatus.DRAFT;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startsOn' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Field(() => Int, { defaultValue: 90 })
  @IsInt()
  @Min(7, { message: 'reviewCadenceDays must be from 7 to 730' })
  @Max(730, { message: 'reviewCadenceDays must be from 7 to 730' })
  reviewCadenceDays = 90;

  @Field(() => AgreementRuleInput, { nullable: true, description: 'UNANIMOUS when left out.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementRuleInput)
  agreementRule?: AgreementRuleInput | null;

  @Field(() => Int, { defaultValue: 12 })
  @IsInt()
  @Min(1, { message: 'leaderTermMonths must be from 1 to 60' })
  @Max(60, { message: 'leaderTermMonths must be from 1 to 60' })
  leaderTermMonths = 12;

  @Field(() => [ID], { defaultValue: [], description: 'Active member bodies of the locality.' })
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsId({ each: true })
  participantIds: string[] = [];
}

@InputType()
export class UpdateProgrammeInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsName()
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(2000)
  purpose?: string | null;

  @Field(() => ProgrammeStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProgrammeStatus)
  status?: ProgrammeStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(7, { message: 'reviewCadenceDays must be from 7 to 730' })
  @Max(730, { message: 'reviewCadenceDays must be from 7 to 730' })
  reviewCadenceDays?: number;

  @Field(() => AgreementRuleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementRuleInput)
  agreementRule?: AgreementRuleInput;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'leaderTermMonths must be from 1 to 60' })
  @Max(60, { message: 'leaderTermMonths must be from 1 to 60' })
  leaderTermMonths?: number;
}

@InputType()
export class ProgrammeParticipantInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field(() => ID)
  @IsId()
  organisationId!: string;
}

@InputType()
export class NominateLeaderInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field(() => ID, { description: 'A person of a participating organisation.' })
  @IsId()
  personId!: string;
}

@InputType()
export class OpenLeaderReconfirmationInput {
  @Field(() => ID, { description: 'A programme with an agreed leader and no open nomination.' })
  @IsId()
  programmeId!: string;
}

@InputType()
export class EndorseNominationInput {
  @Field(() => ID)
  @IsId()
  nominationId!: string;

  @Field(() => ID, { description: 'Your own organisation.' })
  @IsId()
  organisationId!: string;

  @Field(() => EndorsementPosition)
  @IsEnum(EndorsementPosition)
  position!: EndorsementPosition;

  @Field(() => String, { nullable: true })
  @IsOptionalText(2000)
  comment?: string | null;
}

@InputType()
export class StepDownLeaderInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(2000)
  reason?: string | null;
}

/** The most nominations one list returns at once. */
export const MAX_NOMINATIONS_LISTED = 100;

@ArgsType()
export class NominationsToEndorseArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to list, 1 to ${MAX_NOMINATIONS_LISTED}; the count covers all.` })
  @IsInt()
  @Min(1)
  @Max(MAX_NOMINATIONS_LISTED)
  first = 20;
}

@ArgsType()
export class ProgrammesArgs extends PageArgs {
  @Field(() => ID)
  @IsId()
  localityId!: string;
}
