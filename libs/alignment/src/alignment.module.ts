import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { AlignmentJsonRead } from './alignment-json-read';
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
  imports: [JsonReadsModule, RegistryModule, ProgrammesModule],
  providers: [
    AlignmentService,
    AlignmentLoaders,
    AlignmentRequestResolver,
    AlignmentRequestEventResolver,
    AlignmentDeclineRateResolver,
    ProgrammeAlignmentResolver,
    OrganisationAlignmentResolver,
    AlignmentJsonRead,
  ],
  exports: [AlignmentService, AlignmentLoaders],
})
export class AlignmentModule {}
