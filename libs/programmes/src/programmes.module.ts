import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { RegistryModule } from '@joinedup/registry';
import { LeaderReconfirmationService } from './leader-reconfirmation.service';
import { LeadershipService } from './leadership.service';
import { ProgrammeJsonRead } from './programme-json-read';
import { ProgrammeLoaders } from './programme.loaders';
import {
  EndorsementResolver,
  LeaderReconfirmationResolver,
  LocalityProgrammesResolver,
  NominationResolver,
  OrganisationNominationsResolver,
  ProgrammeLeaderResolver,
  ProgrammeResolver,
} from './programme.resolvers';
import { ProgrammesService } from './programmes.service';
import { ProgrammesSetupProgressResolver } from './setup-progress.resolver';

@Module({
  imports: [JsonReadsModule, RegistryModule],
  providers: [
    ProgrammesSetupProgressResolver,
    ProgrammesService,
    LeadershipService,
    LeaderReconfirmationService,
    ProgrammeLoaders,
    ProgrammeJsonRead,
    ProgrammeResolver,
    LocalityProgrammesResolver,
    NominationResolver,
    OrganisationNominationsResolver,
    EndorsementResolver,
    ProgrammeLeaderResolver,
    LeaderReconfirmationResolver,
  ],
  exports: [ProgrammesService, ProgrammeLoaders],
})
export class ProgrammesModule {}
