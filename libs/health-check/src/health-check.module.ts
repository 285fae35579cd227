import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { HealthCheckAnsweringResolver } from './health-check-answering.resolver';
import { HealthCheckAnsweringService } from './health-check-answering.service';
import { HealthCheckJsonRead } from './health-check-json-read';
import { HealthCheckLoaders } from './health-check.loaders';
import { SurveyAttemptThrottle } from './survey-attempt-throttle';
import { SurveyInvitationsService } from './survey-invitations.service';
import { SurveyRoundResolver } from './survey-round.resolvers';
import { SurveyRoundsService } from './survey-rounds.service';
import { HealthCheckGroupResolver, HealthCheckResultsResolver, HealthCheckRoundSummaryResolver } from './health-check-results.resolvers';
import { HealthCheckResultsService } from './health-check-results.service';

/** The partnership health check: rounds, invitations, anonymous answers and results. */
@Module({
  imports: [JsonReadsModule, RegistryModule, ProgrammesModule],
  providers: [
    SurveyRoundsService,
    SurveyInvitationsService,
    HealthCheckLoaders,
    HealthCheckJsonRead,
    SurveyRoundResolver,
    SurveyAttemptThrottle,
    HealthCheckAnsweringService,
    HealthCheckAnsweringResolver,
    HealthCheckResultsService,
    HealthCheckResultsResolver,
    HealthCheckRoundSummaryResolver,
    HealthCheckGroupResolver,
  ],
  exports: [],
})
export class HealthCheckModule {}
