import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { RegistryModule } from '@joinedup/registry';
import { MilestonesService } from './milestones.service';
import { RecognitionJsonRead } from './recognition-json-read';
import { RecognitionLoaders } from './recognition.loaders';
import {
  MilestoneContributorResolver,
  MilestoneResolver,
  OrganisationRecognitionResolver,
  PersonRecognitionResolver,
  ProgrammeRecognitionResolver,
  RecognitionResolver,
} from './recognition.resolvers';
import { RecognitionsService } from './recognitions.service';

/** Milestones and recognition (barrier: recognition): a programme's milestones, and the credit given for partnership work. */
@Module({
  imports: [RegistryModule, ProgrammesModule, JsonReadsModule],
  providers: [
    MilestonesService,
    RecognitionsService,
    RecognitionLoaders,
    RecognitionJsonRead,
    ProgrammeRecognitionResolver,
    MilestoneResolver,
    MilestoneContributorResolver,
    RecognitionResolver,
    OrganisationRecognitionResolver,
    PersonRecognitionResolver,
  ],
  exports: [RecognitionLoaders],
})
export class RecognitionModule {}
