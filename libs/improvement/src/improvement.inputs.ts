import { applyDecorators } from '@nestjs/common';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsId, IsName, IsOptionalText } from '@joinedup/graphql-kit';
import { MeasureDirection } from './improvement.rules';
import { ImprovementActionStatus } from './improvement.types';

/** Largest magnitude of a baseline, target or value. */
export const MAX_MEASURE_MAGNITUDE = 1e15;
export const MAX_ACTIONS_PER_REVIEW = 50;
export const MAX_MEASURES_PER_REVIEW = 100;

/** A finite number no larger than MAX_MEASURE_MAGNITUDE either way. */
const IsMeasureNumber = () => {
  const message = ({ property }: { property: string }) => `${property} must be a finite number from -1e15 to 1e15`;
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message }),
    Min(-MAX_MEASURE_MAGNITUDE, { message }),
    Max(MAX_MEASURE_MAGNITUDE, { message }),
  );
};

/** A rating from 1 (poor) to 5 (excellent). */
const IsRating = () => {
  const message = ({ property }: { property: string }) => `${property} must be a whole number from 1 to 5`;
  return applyDecorators(IsInt({ message }), Min(1, { message }), Max(5, { message }));
};

@InputType()
export class CreateMeasureInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field()
  @IsName()
  name!: string;

  @Field({ description: 'e.g. "%", "days", "referrals".' })
  @IsName(50)
  unit!: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsMeasureNumber()
  baseline?: number | null;

  @Field(() => Float)
  @IsMeasureNumber()
  target!: number;

  @Field(() => MeasureDirection)
  @IsEnum(MeasureDirection)
  direction!: MeasureDirection;
}

@InputType()
export class UpdateMeasureInput {
  @Field(() => ID)
  @IsId()
  measureId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsName()
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsName(50)
  unit?: string;

  @Field(() => Float, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @IsMeasureNumber()
  baseline?: number | null;

  @Field(() => Float, { nullable: true, description: 'Values already recorded keep the target they were judged by.' })
  @IsOptional()
  @IsMeasureNumber()
  target?: number;

  @Field(() => MeasureDirection, { nullable: true })
  @IsOptional()
  @IsEnum(MeasureDirection)
  direction?: MeasureDirection;

  @Field({ nullable: true, description: 'false retires the measure (today), true reinstates it.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType()
export class MeasureValueInput {
  @Field(() => ID, { description: 'An active measure of the programme.' })
  @IsId()
  measureId!: string;

  @Field(() => Float)
  @IsMeasureNumber()
  value!: number;
}

@InputType()
export class NewImprovementActionInput {
  @Field()
  @IsName(2000)
  description!: string;

  @Field(() => ID, { description: 'A person of an organisation taking part in the programme.' })
  @IsId()
  ownerPersonId!: string;

  @Field({ description: 'YYYY-MM-DD, not before today.' })
  @IsCalendarDate()
  dueOn!: string;
}

@InputType()
export class CompleteReviewInput {
  @Field(() => ID, { description: "The programme's scheduled review (programme.nextReview)." })
  @IsId()
  reviewId!: string;

  @Field({ description: 'YYYY-MM-DD: start of the period the review covers.' })
  @IsCalendarDate()
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD, not before periodStart.' })
  @IsCalendarDate()
  periodEnd!: string;

  @Field(() => [MeasureValueInput], { description: 'One value for each active measure of the programme.' })
  @ArrayMaxSize(MAX_MEASURES_PER_REVIEW)
  @ValidateNested({ each: true })
  @Type(() => MeasureValueInput)
  values!: MeasureValueInput[];

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  @IsRating()
  effectivenessRating!: number;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  @IsRating()
  efficiencyRating!: number;

  @Field()
  @IsName(10000)
  findings!: string;

  @Field(() => [NewImprovementActionInput], { defaultValue: [] })
  @ArrayMaxSize(MAX_ACTIONS_PER_REVIEW)
  @ValidateNested({ each: true })
  @Type(() => NewImprovementActionInput)
  actions: NewImprovementActionInput[] = [];
}

@InputType()
export class UpdateImprovementActionInput {
  @Field(() => ID)
  @IsId()
  actionId!: string;

  @Field(() => ImprovementActionStatus, { nullable: true, description: 'DONE or DROPPED closes it, OPEN reopens it.' })
  @IsOptional()
  @IsEnum(ImprovementActionStatus)
  status?: ImprovementActionStatus;

  @Field({
    nullable: true,
    description: 'YYYY-MM-DD: when it was done or dropped (today if left out); not before it was raised, not in the future.',
  })
  @IsOptional()
  @IsCalendarDate()
  closedOn?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsName(2000)
  description?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  ownerPersonId?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD, not before it was raised.' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;

  @Field(() => String, { nullable: true, description: 'e.g. why it was dropped; an empty string clears it.' })
  @IsOptionalText(2000)
  note?: string | null;
}
