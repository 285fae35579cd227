import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsId, IsName, IsOptionalText, PageArgs } from '@joinedup/graphql-kit';
import { ConflictStatus } from './conflict-lifecycle';
import { ConflictCategory, ConflictSeverity } from './conflicts.types';

export const MAX_STAGES = 10;
export const MAX_STAGE_DAYS = 365;
/** A locality has at most 40 member bodies: the raiser and up to 39 others. */
export const MAX_PARTIES = 39;
export const MAX_CONFLICT_TEXT = 5000;
/** How many values each filter of a list of conflicts may name. */
export const CONFLICT_FILTER_MAX = { status: 5, severity: 4, category: 6, stage: MAX_STAGES } as const;

@InputType()
export class ConflictStageInput {
  @Field({ description: 'e.g. "Discussion between the leads".' })
  @IsName()
  name!: string;

  @Field({ description: 'Who owns the stage, e.g. "Programme coordinator" or "Partnership board".' })
  @IsName()
  owner!: string;

  @Field(() => Int, { description: `Days the stage may take, 1 to ${MAX_STAGE_DAYS}.` })
  @IsInt({ message: 'timeLimitDays must be a whole number of days' })
  @Min(1, { message: `timeLimitDays must be from 1 to ${MAX_STAGE_DAYS}` })
  @Max(MAX_STAGE_DAYS, { message: `timeLimitDays must be from 1 to ${MAX_STAGE_DAYS}` })
  timeLimitDays!: number;
}

@InputType({ description: 'Give either localityId (the default for its programmes) or programmeId (its own process).' })
export class SetConflictProcessInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  localityId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field(() => [ConflictStageInput], { description: `The stages in order, 1 to ${MAX_STAGES}.` })
  @IsArray()
  @ArrayMinSize(1, { message: `stages must list 1 to ${MAX_STAGES} stages` })
  @ArrayMaxSize(MAX_STAGES, { message: `stages must list 1 to ${MAX_STAGES} stages` })
  @ValidateNested({ each: true })
  @Type(() => ConflictStageInput)
  stages!: ConflictStageInput[];
}

@InputType()
export class AgreeConflictProcessInput {
  @Field(() => ID)
  @IsId()
  processId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the partnership agreed it; today when left out.' })
  @IsOptional()
  @IsCalendarDate()
  agreedOn?: string | null;
}

@InputType()
export class RaiseConflictInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field(() => ID, { nullable: true, description: 'A programme of that locality, if the conflict is about one.' })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The organisation raising it: a representative's own (may be left out); required for coordinators.",
  })
  @IsOptional()
  @IsId()
  raisedByOrganisationId?: string | null;

  @Field(() => [ID], { description: `The other parties: active member bodies of the locality, 1 to ${MAX_PARTIES}.` })
  @IsArray()
  @ArrayMinSize(1, { message: 'partyIds must name at least one other party' })
  @ArrayMaxSize(MAX_PARTIES, { message: `partyIds must name at most ${MAX_PARTIES} other parties` })
  @ArrayUnique({ message: 'partyIds must not name an organisation twice' })
  @IsId({ each: true })
  partyIds!: string[];

  @Field(() => ConflictCategory)
  @IsEnum(ConflictCategory)
  category!: ConflictCategory;

  @Field(() => ConflictSeverity)
  @IsEnum(ConflictSeverity)
  severity!: ConflictSeverity;

  @Field()
  @IsName()
  title!: string;

  @Field()
  @IsName(MAX_CONFLICT_TEXT)
  description!: string;
}

@InputType({ description: 'Acknowledge, start resolution or escalate, with an optional note for the history.' })
export class ConflictTransitionInput {
  @Field(() => ID)
  @IsId()
  conflictId!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(MAX_CONFLICT_TEXT)
  note?: string | null;
}

@InputType()
export class ResolveConflictInput {
  @Field(() => ID)
  @IsId()
  conflictId!: string;

  @Field({ description: 'How it was resolved.' })
  @IsName(MAX_CONFLICT_TEXT)
  outcome!: string;
}

@InputType()
export class CloseConflictUnresolvedInput {
  @Field(() => ID)
  @IsId()
  conflictId!: string;

  @Field({ description: 'Why it is closed without a resolution.' })
  @IsName(MAX_CONFLICT_TEXT)
  reason!: string;
}

@InputType()
export class CommentOnConflictInput {
  @Field(() => ID)
  @IsId()
  conflictId!: string;

  @Field()
  @IsName(MAX_CONFLICT_TEXT)
  comment!: string;
}

/** Filters of a list of conflicts; each given list matches any of its values. */
@ArgsType()
export class ConflictFilterArgs extends PageArgs {
  @Field(() => [ConflictStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(CONFLICT_FILTER_MAX.status)
  @IsEnum(ConflictStatus, { each: true })
  status?: ConflictStatus[] | null;

  @Field(() => [ConflictSeverity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(CONFLICT_FILTER_MAX.severity)
  @IsEnum(ConflictSeverity, { each: true })
  severity?: ConflictSeverity[] | null;

  @Field(() => [ConflictCategory], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(CONFLICT_FILTER_MAX.category)
  @IsEnum(ConflictCategory, { each: true })
  category?: ConflictCategory[] | null;

  @Field(() => [Int], { nullable: true, description: 'Stages of its process the conflict is at or ended at (1 for the first).' })
  @IsOptional()
  @ArrayMaxSize(CONFLICT_FILTER_MAX.stage)
  @IsInt({ each: true, message: 'stage must list whole numbers' })
  @Min(1, { each: true, message: `stage must list stages from 1 to ${MAX_STAGES}` })
  @Max(MAX_STAGES, { each: true, message: `stage must list stages from 1 to ${MAX_STAGES}` })
  stage?: number[] | null;
}

@ArgsType()
export class ConflictsArgs extends ConflictFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Give exactly one of localityId, programmeId, organisationId.' })
  @IsOptional()
  @IsId()
  localityId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Conflicts it raised or is a party to.' })
  @IsOptional()
  @IsId()
  organisationId?: string | null;
}
