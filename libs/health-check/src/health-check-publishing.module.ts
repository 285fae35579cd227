import { Module } from '@nestjs/common';
import { HealthCheckResultsService } from './health-check-results.service';
import { SurveyRoundPublisher } from './survey-round-publisher';

/** Publishing final rounds' figures: for the worker, and for whatever else settles answers (the read benchmark). */
@Module({
  providers: [HealthCheckResultsService, SurveyRoundPublisher],
  exports: [SurveyRoundPublisher],
})
export class HealthCheckPublishingModule {}
