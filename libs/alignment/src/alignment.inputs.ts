import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { IsCalendarDate, IsId, IsName, IsOptionalText, PageArgs } from '@joinedup/graphql-kit';
import { AlignmentStatus } from './alignment-lifecycle';
import { AlignmentDirection, AlignmentKind } from './alignment.types';

export const MAX_ALIGNMENT_TEXT = 5000;

@InputType()
export class RequestAlignmentInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The organisation asking: a representative's own (may be left out); required for coordinators.",
  })
  @IsOptional()
  @IsId()
  requestingOrganisationId?: string | null;

  @Field(() => ID, { description: 'The organisation asked to adapt: another organisation taking part in the programme.' })
  @IsId()
  targetOrganisationId!: string;

  @Field(() => AlignmentKind)
  @IsEnum(AlignmentKind)
  kind!: AlignmentKind;

  @Field({ description: 'What to adapt, e.g. "Use the shared referral form for hospital discharges".' })
  @IsName()
  title!: string;

  @Field({ description: "How, and which partner's system or process to align with." })
  @IsName(MAX_ALIGNMENT_TEXT)
  description!: string;

  @Field({ description: 'YYYY-MM-DD the target should answer by; today or later.' })
  @IsCalendarDate()
  responseDueOn!: string;
}

@InputType()
export class AgreeAlignmentRequestInput {
  @Field(() => ID)
  @IsId()
  requestId!: string;

  @Field({ description: 'YYYY-MM-DD the target plans to have adapted by; today or later.' })
  @IsCalendarDate()
  plannedOn!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(MAX_ALIGNMENT_TEXT)
  note?: string | null;
}

@InputType()
export class DeclineAlignmentRequestInput {
  @Field(() => ID)
  @IsId()
  requestId!: string;

  @Field({ description: 'Why the organisation will not adapt.' })
  @IsName(MAX_ALIGNMENT_TEXT)
  reason!: string;
}

@InputType()
export class RecordAlignmentAdaptedInput {
  @Field(() => ID)
  @IsId()
  requestId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD it adapted: not before the agreement, not in the future; today when left out.' })
  @IsOptional()
  @IsCalendarDate()
  adaptedOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptionalText(MAX_ALIGNMENT_TEXT)
  note?: string | null;
}

@InputType()
export class WithdrawAlignmentRequestInput {
  @Field(() => ID)
  @IsId()
  requestId!: string;

  @Field({ description: 'Why, e.g. what made the agreement fall through.' })
  @IsName(MAX_ALIGNMENT_TEXT)
  reason!: string;
}

/** Filters of a list of requests. */
@ArgsType()
export class AlignmentFilterArgs extends PageArgs {
  @Field(() => [AlignmentStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(AlignmentStatus, { each: true })
  status?: AlignmentStatus[] | null;
}

@ArgsType()
export class AlignmentRequestsArgs extends AlignmentFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Requests of this programme. Give programmeId, organisationId or both.' })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Requests this organisation made or received (see direction).' })
  @IsOptional()
  @IsId()
  organisationId?: string | null;

  @Field(() => AlignmentDirection, { nullable: true, description: 'With organisationId: only those it made, or received; both when left out.' })
  @IsOptional()
  @IsEnum(AlignmentDirection)
  direction?: AlignmentDirection | null;
}

/** A period of days; `to` is today and `from` a year before `to` when left out. */
@ArgsType()
export class AlignmentPeriodArgs {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the first day counted; a year before `to` when left out.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the last day counted; today when left out.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string | null;
}

@ArgsType()
export class OrganisationDeclineRateArgs extends AlignmentPeriodArgs {
  @Field(() => ID, { nullable: true, description: 'Only requests of this programme; all you may read when left out.' })
  @IsOptional()
  @IsId()
  programmeId?: string | null;
}
