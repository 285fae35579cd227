import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@joinedup/access';
import { ChangeHealthCheckAnswersInput, SubmitHealthCheckInput } from './health-check-answering.inputs';
import { HealthCheckAnsweringService } from './health-check-answering.service';
import { HealthCheckAnswersChangedType, HealthCheckQuestionsType, HealthCheckReceiptType } from './health-check-answering.types';

/** The HTTP request as Express gives it; `ip` honours the TRUST_PROXY setting. */
interface HttpRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
}

const clientAddress = (req: HttpRequest): string => req.ip ?? req.socket?.remoteAddress ?? 'unknown';

/**
 * The respondent's side of the health check: public (no sign-in), each call opened only
 * by a response link's token or an edit code, and throttled per secret and per address.
 */
@Resolver()
export class HealthCheckAnsweringResolver {
  constructor(private readonly answering: HealthCheckAnsweringService) {}

  @Public()
  @Query(() => HealthCheckQuestionsType, { description: 'The statements to answer through a response link, while the link works.' })
  healthCheckQuestions(@Args('token') token: string, @Context('req') req: HttpRequest): Promise<HealthCheckQuestionsType> {
    return this.answering.questions(token, clientAddress(req));
  }

  @Public()
  @Query(() => HealthCheckQuestionsType, {
    description: 'The statements again, to change the answers given with an edit code while the round is open (the answers given are not shown).',
  })
  healthCheckQuestionsToChange(@Args('editCode') editCode: string, @Context('req') req: HttpRequest): Promise<HealthCheckQuestionsType> {
    return this.answering.questionsForEditCode(editCode, clientAddress(req));
  }

  @Public()
  @Mutation(() => HealthCheckReceiptType, {
    description:
      'Answers a health check through a response link (which then stops working), without signing in. The response keeps ' +
      'the organisation, sector and day, never the person. Returns an edit code, shown only here.',
  })
  submitHealthCheck(@Args('input') input: SubmitHealthCheckInput, @Context('req') req: HttpRequest): Promise<HealthCheckReceiptType> {
    return this.answering.submit(input, clientAddress(req));
  }

  @Public()
  @Mutation(() => HealthCheckAnswersChangedType, { description: 'Replaces the answers given with an edit code, until the round closes.' })
  changeHealthCheckAnswers(
    @Args('input') input: ChangeHealthCheckAnswersInput,
    @Context('req') req: HttpRequest,
  ): Promise<HealthCheckAnswersChangedType> {
    return this.answering.change(input, clientAddress(req));
  }
}
