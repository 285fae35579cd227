import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUrl, MaxLength } from 'class-validator';
import { IsCalendarDate, IsId, IsName, IsOptionalText, PageArgs } from '@joinedup/graphql-kit';
import { CascadeLevel } from './briefing-rules';

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 5000;
export const MAX_LINK = 2000;
export const MAX_NOTE = 2000;

@InputType()
export class IssueBriefingInput {
  @Field(() => ID)
  @IsId()
  programmeId!: string;

  @Field({ description: `1 to ${MAX_TITLE} characters.` })
  @IsName(MAX_TITLE)
  title!: string;

  @Field({ description: `What the organisations taking part should know, 1 to ${MAX_SUMMARY} characters.` })
  @IsName(MAX_SUMMARY)
  summary!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not in the future; today when left out.' })
  @IsOptional()
  @IsCalendarDate()
  issuedOn?: string | null;

  @Field(() => String, { nullable: true, description: `An https link to the full briefing, at most ${MAX_LINK} characters.` })
  @IsOptional()
  @MaxLength(MAX_LINK, { message: `link must be at most ${MAX_LINK} characters long` })
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_valid_protocol: true, disallow_auth: true },
    { message: 'link must be an https address, e.g. https://example.org/briefing' },
  )
  link?: string | null;
}

@InputType()
export class AcknowledgeBriefingInput {
  @Field(() => ID)
  @IsId()
  briefingId!: string;

  @Field(() => ID, { description: 'Your own organisation, which the briefing was sent to.' })
  @IsId()
  organisationId!: string;

  @Field(() => CascadeLevel, { description: 'How far inside your organisation it was passed on.' })
  @IsEnum(CascadeLevel, { message: 'cascade must be one of LEADERSHIP_ONLY, MANAGERS, FRONT_LINE, WHOLE_ORGANISATION' })
  cascade!: CascadeLevel;

  @Field(() => String, { nullable: true, description: `At most ${MAX_NOTE} characters.` })
  @IsOptionalText(MAX_NOTE)
  note?: string | null;
}

/** A period of issue dates, both included. */
@ArgsType()
export class BriefingPeriodArgs {
  @Field({ description: 'YYYY-MM-DD: the first issue date counted.' })
  @IsCalendarDate()
  from!: string;

  @Field({ description: 'YYYY-MM-DD: the last issue date counted.' })
  @IsCalendarDate()
  to!: string;
}

@ArgsType()
export class BriefingAcknowledgementArgs extends BriefingPeriodArgs {
  @Field(() => ID)
  @IsId()
  organisationId!: string;
}

/** A page of briefings, newest first. */
@ArgsType()
export class BriefingsArgs extends PageArgs {}
