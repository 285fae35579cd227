import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEmail, IsEnum, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsId, IsName, IsOptionalText } from '@joinedup/graphql-kit';
import { Sector } from './sector';


@InputType()
export class CreateLocalityInput {
  @Field()
  @IsName()
  name!: string;

  @Field({ description: 'Unique in your tenant: letters, digits and hyphens, e.g. E08000037.' })
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits or hyphens' })
  code!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(100)
  region?: string | null;
}

@InputType()
export class RenameLocalityInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field()
  @IsName()
  name!: string;
}

@InputType()
export class CreateOrganisationInput {
  @Field()
  @IsName()
  name!: string;

  @Field(() => Sector)
  @IsEnum(Sector)
  sector!: Sector;

  @Field(() => String, { nullable: true, description: 'e.g. an ODS code or Companies House number.' })
  @IsOptionalText(100)
  externalRef?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Also makes it a member body of this locality from today, in the same change (refused whole at 40 members).',
  })
  @IsOptional()
  @IsId()
  localityId?: string | null;
}

@InputType()
export class AddMemberInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field(() => ID)
  @IsId()
  organisationId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsCalendarDate()
  joinedOn?: string | null;
}

@InputType()
export class RecordMemberLeftInput {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field(() => ID)
  @IsId()
  organisationId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  @IsOptional()
  @IsCalendarDate()
  leftOn?: string | null;
}

@InputType()
export class CompetencyInput {
  @Field()
  @IsName(100)
  name!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'level must be from 1 to 5' })
  @Max(5, { message: 'level must be from 1 to 5' })
  level!: number;
}

@InputType()
export class CreatePersonInput {
  @Field(() => ID)
  @IsId()
  organisationId!: string;

  @Field()
  @IsName()
  fullName!: string;

  @Field(() => String, { nullable: true })
  @IsOptionalText(200)
  jobTitle?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => [CompetencyInput], { defaultValue: [] })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CompetencyInput)
  competencies: CompetencyInput[] = [];
}

@InputType()
export class SetCompetenciesInput {
  @Field(() => ID)
  @IsId()
  personId!: string;

  @Field(() => [CompetencyInput])
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CompetencyInput)
  competencies!: CompetencyInput[];
}
