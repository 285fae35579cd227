import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { ImprovementJsonRead } from './improvement-json-read';
import { ImprovementLoaders } from './improvement.loaders';
import {
  ImprovementActionResolver,
  ImprovementReviewResolver,
  MeasureResolver,
  MeasureValueResolver,
  ProgrammeImprovementResolver,
} from './improvement.resolvers';
import { MeasuresService } from './measures.service';
import { ReviewsService } from './reviews.service';
import { ImprovementSetupProgressResolver } from './setup-progress.resolver';

/** Improvement reviews: a programme's measures, its scheduled and completed reviews, and their actions. */
@Module({
  imports: [JsonReadsModule, RegistryModule, ProgrammesModule],
  providers: [
    ImprovementSetupProgressResolver,
    MeasuresService,
    ReviewsService,
    ImprovementLoaders,
    ProgrammeImprovementResolver,
    MeasureResolver,
    MeasureValueResolver,
    ImprovementReviewResolver,
    ImprovementActionResolver,
    ImprovementJsonRead,
  ],
  exports: [ImprovementLoaders],
})
export class ImprovementModule {}
