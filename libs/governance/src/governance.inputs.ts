import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsNumber, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCalendarDate, IsId, IsName, PageArgs } from '@joinedup/graphql-kit';
import { BARRIERS, Barrier, Severity } from './barriers';
import { FlagState } from './governance.types';

@ArgsType()
export class GovernanceFlagsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  localityId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  organisationId?: string | null;

  @Field(() => [Barrier], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(BARRIERS.length)
  @IsEnum(Barrier, { each: true })
  barrier?: Barrier[] | null;

  @Field(() => [Severity], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(Severity, { each: true })
  severity?: Severity[] | null;

  @Field(() => [FlagState], { nullable: true, description: 'Default: OPEN and ACKNOWLEDGED (the flags that count).' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(FlagState, { each: true })
  state?: FlagState[] | null;
}

@InputType()
export class AcknowledgeFlagInput {
  @Field(() => ID)
  @IsId()
  flagId!: string;
}

@InputType()
export class DismissFlagInput {
  @Field(() => ID)
  @IsId()
  flagId!: string;

  @Field({ description: 'Why it is not a problem (kept with the flag and in the audit trail).' })
  @IsName(2000)
  reason!: string;
}

@InputType()
export class RuleThresholdInput {
  @Field()
  @Matches(/^[a-zA-Z]{1,40}$/, { message: 'A threshold name is letters only, as governanceRules lists them.' })
  name!: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

@InputType()
export class UpdateGovernanceRuleInput {
  @Field({ description: 'The rule code, e.g. CONFLICT_UNACKNOWLEDGED.' })
  @Matches(/^[A-Z][A-Z_]{2,63}$/, { message: 'A rule code is capital letters and underscores, as governanceRules lists them.' })
  code!: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @Field(() => Severity, { nullable: true })
  @IsOptional()
  @IsEnum(Severity)
  severity?: Severity | null;

  @Field(() => [RuleThresholdInput], { nullable: true, description: 'Thresholds to change; the others keep their value.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => RuleThresholdInput)
  thresholds?: RuleThresholdInput[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Back to the built-in severity and thresholds (before the changes above).' })
  @IsOptional()
  @IsBoolean()
  resetToDefaults?: boolean | null;
}

@ArgsType()
export class GovernanceScansArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Scans of this locality (and full scans, which cover it).' })
  @IsOptional()
  @IsId()
  localityId?: string | null;
}

@ArgsType()
export class HealthTrendArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  programmeId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  localityId?: string | null;

  @Field({ description: 'YYYY-MM-DD, the first day (UTC) of the trend.' })
  @IsCalendarDate()
  from!: string;

  @Field({ description: 'YYYY-MM-DD, the last day (UTC) of the trend, inclusive.' })
  @IsCalendarDate()
  to!: string;
}


@ArgsType()
export class HealthAsOfArgs {
  @Field({ description: 'YYYY-MM-DD: the scores as they stood at the end of this day (UTC).' })
  @IsCalendarDate()
  day!: string;
}
