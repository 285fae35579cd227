import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { AlignmentLoaders } from './alignment.loaders';
import {
  AlignmentDeclineRateResolver,
  AlignmentRequestEventResolver,
  AlignmentRequestResolver,
  OrganisationAlignmentResolver,
  ProgrammeAlignmentResolver,
} from './alignment.resolvers';
import { AlignmentService } from './alignment.service';

@Module({
  imports: [RegistryModule, ProgrammesModule],
  providers: [
    AlignmentService,
    AlignmentLoaders,
    AlignmentRequestResolver,
    AlignmentRequestEventResolver,
    AlignmentDeclineRateResolver,
    ProgrammeAlignmentResolver,
    OrganisationAlignmentResolver,
  ],
  exports: [AlignmentService, AlignmentLoaders],
})
export class AlignmentModule {}
