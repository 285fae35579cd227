import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
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
  imports: [RegistryModule, ProgrammesModule],
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
  ],
  exports: [ImprovementLoaders],
})
export class ImprovementModule {}
