import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Barrier } from '@joinedup/governance';

/**
 * What a respondent sees and gets back. Deliberately small: no baseline (it would anchor
 * the answers), no id of a round, response or person.
 */
@ObjectType('HealthCheckQuestion', { description: 'A statement to answer.' })
export class HealthCheckQuestionType {
  @Field(() => ID, { description: 'Give it back as statementId with the answer.' })
  id!: string;

  @Field(() => Int)
  position!: number;

  @Field(() => Barrier, { nullable: true })
  barrier!: Barrier | null;

  @Field()
  text!: string;
}

@ObjectType('HealthCheckQuestions', { description: 'The health check a response link is for.' })
export class HealthCheckQuestionsType {
  @Field()
  roundTitle!: string;

  @Field()
  localityName!: string;

  @Field({ description: 'The organisation the answers will be counted for (with its sector; never the person).' })
  organisationName!: string;

  @Field({ description: 'YYYY-MM-DD, the first day answers are taken.' })
  opensOn!: string;

  @Field({ description: 'YYYY-MM-DD, the last day (UTC) to answer or change answers.' })
  closesOn!: string;

  @Field(() => [HealthCheckQuestionType], { description: 'In order; answer each once.' })
  statements!: HealthCheckQuestionType[];
}

@ObjectType('HealthCheckReceipt')
export class HealthCheckReceiptType {
  @Field({
    description: 'Keep it to change your answers until the round closes. Shown only now: it cannot be recovered.',
  })
  editCode!: string;

  @Field({ description: 'YYYY-MM-DD, the last day (UTC) the answers can be changed.' })
  closesOn!: string;
}

@ObjectType('HealthCheckAnswersChanged')
export class HealthCheckAnswersChangedType {
  @Field({ description: 'YYYY-MM-DD (UTC).' })
  changedOn!: string;

  @Field({ description: 'YYYY-MM-DD, the last day (UTC) the answers can be changed.' })
  closesOn!: string;
}
