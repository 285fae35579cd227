import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { IsId, IsName, IsOptionalText } from '@joinedup/graphql-kit';
import { SelectionMethod } from './role.types';

/** The most competencies one role may require. */
export const MAX_REQUIRED_COMPETENCIES = 20;

@InputType()
export class RequiredCompetencyInput {
  @Field({ description: 'As people’s competencies are named, e.g. "Programme management".' })
  @IsName(100)
  name!: string;

  @Field(() => Int, { description: '1 (aware) to 5 (expert).' })
  @IsInt()
  @Min(1, { message: 'minLevel must be from 1 to 5' })
  @Max(5, { message: 'minLevel must be from 1 to 5' })
  minLevel!: number;
}

@InputType()
export class DefineRoleInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field({ description: 'Unique among the programme’s current roles, e.g. "Data lead".' })
  @IsName()
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(4000)
  responsibilities?: string | null;

  @Field(() => [RequiredCompetencyInput], { defaultValue: [], description: `At most ${MAX_REQUIRED_COMPETENCIES}, each name once.` })
  @ArrayMaxSize(MAX_REQUIRED_COMPETENCIES, { message: `requiredCompetencies must list at most ${MAX_REQUIRED_COMPETENCIES}` })
  @ValidateNested({ each: true })
  @Type(() => RequiredCompetencyInput)
  requiredCompetencies: RequiredCompetencyInput[] = [];

  @Field(() => Boolean, { defaultValue: false, description: 'Whether the programme cannot run without this role filled.' })
  @IsBoolean()
  requiredForProgramme: boolean = false;
}

@InputType()
export class UpdateRoleInput {
  @Field(() => ID)
  @IsId()
  roleId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsName()
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(4000)
  responsibilities?: string | null;

  @Field(() => [RequiredCompetencyInput], { nullable: true, description: 'Replaces the whole list when given.' })
  @IsOptional()
  @ArrayMaxSize(MAX_REQUIRED_COMPETENCIES, { message: `requiredCompetencies must list at most ${MAX_REQUIRED_COMPETENCIES}` })
  @ValidateNested({ each: true })
  @Type(() => RequiredCompetencyInput)
  requiredCompetencies?: RequiredCompetencyInput[];

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  requiredForProgramme?: boolean;
}

@InputType()
export class RetireRoleInput {
  @Field(() => ID)
  @IsId()
  roleId!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(2000)
  reason?: string | null;
}

@InputType()
export class AssignRoleInput {
  @Field(() => ID)
  @IsId()
  roleId!: string;

  @Field(() => ID, { description: 'A person of an organisation taking part in the programme.' })
  @IsId()
  personId!: string;

  @Field(() => SelectionMethod)
  @IsEnum(SelectionMethod)
  selectionMethod!: SelectionMethod;

  @Field(() => String, { nullable: true, description: 'Why this person; required unless OPEN_SELECTION.' })
  @IsOptionalText(2000)
  rationale?: string | null;
}

@InputType()
export class VacateRoleInput {
  @Field(() => ID)
  @IsId()
  roleId!: string;

  @Field({ description: 'Why the holder no longer holds the role.' })
  @IsName(2000)
  reason!: string;
}

/** Most candidates listed for a role at once. */
export const MAX_CANDIDATES = 100;

@ArgsType()
export class RoleCandidatesArgs {
  @Field(() => Int, { defaultValue: 50, description: `How many to list, 1 to ${MAX_CANDIDATES}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_CANDIDATES)
  first = 50;
}
