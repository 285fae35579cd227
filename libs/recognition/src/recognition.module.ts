import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { MilestoneJsonRead } from './milestone-json-read';
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
  imports: [JsonReadsModule, RegistryModule, ProgrammesModule],
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
    MilestoneJsonRead,
  ],
  exports: [RecognitionLoaders],
})
export class RecognitionModule {}
