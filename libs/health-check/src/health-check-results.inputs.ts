import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { IsId } from '@joinedup/graphql-kit';
import { MAX_TREND_ROUNDS } from './health-check-results.service';

@ArgsType()
export class HealthCheckTrendArgs {
  @Field(() => ID)
  @IsId()
  localityId!: string;

  @Field(() => Int, { defaultValue: MAX_TREND_ROUNDS, description: `How many of the latest rounds, 1 to ${MAX_TREND_ROUNDS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_TREND_ROUNDS)
  first = MAX_TREND_ROUNDS;
}
