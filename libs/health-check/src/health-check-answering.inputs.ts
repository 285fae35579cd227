import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsString, ValidateNested } from 'class-validator';
import { IsId, IsOptionalText } from '@joinedup/graphql-kit';
import { SurveyAnswer } from './survey-answer';

export const MAX_COMMENT_LENGTH = 2000;
/** More than any instrument holds: the exact set is checked against the round's statements. */
const MAX_ANSWERS = 100;

@InputType()
export class HealthCheckAnswerInput {
  @Field(() => ID)
  @IsId()
  statementId!: string;

  @Field(() => SurveyAnswer)
  @IsEnum(SurveyAnswer)
  answer!: SurveyAnswer;

  @Field(() => String, { nullable: true, description: `Optional, at most ${MAX_COMMENT_LENGTH} characters.` })
  @IsOptionalText(MAX_COMMENT_LENGTH)
  comment?: string | null;
}

// The token and edit code carry no format rule here: a malformed one must meet the same
// error (and cost the same try) as an unknown one, which the service gives.
@InputType()
export class SubmitHealthCheckInput {
  @Field({ description: 'The token of your response link (the part after the link base).' })
  @IsString()
  token!: string;

  @Field(() => [HealthCheckAnswerInput], { description: 'Exactly one answer per statement.' })
  @ArrayMaxSize(MAX_ANSWERS)
  @ValidateNested({ each: true })
  @Type(() => HealthCheckAnswerInput)
  answers!: HealthCheckAnswerInput[];
}

@InputType()
export class ChangeHealthCheckAnswersInput {
  @Field({ description: 'The edit code submitHealthCheck gave.' })
  @IsString()
  editCode!: string;

  @Field(() => [HealthCheckAnswerInput], { description: 'All the answers again, exactly one per statement; they replace the old ones.' })
  @ArrayMaxSize(MAX_ANSWERS)
  @ValidateNested({ each: true })
  @Type(() => HealthCheckAnswerInput)
  answers!: HealthCheckAnswerInput[];
}
