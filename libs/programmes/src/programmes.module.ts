import { Module } from '@nestjs/common';
import { RegistryModule } from '@joinedup/registry';
import { LeadershipService } from './leadership.service';
import { ProgrammeLoaders } from './programme.loaders';
import {
  EndorsementResolver,
  LocalityProgrammesResolver,
  NominationResolver,
  ProgrammeLeaderResolver,
  ProgrammeResolver,
} from './programme.resolvers';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [RegistryModule],
  providers: [
    ProgrammesService,
    LeadershipService,
    ProgrammeLoaders,
    ProgrammeResolver,
    LocalityProgrammesResolver,
    NominationResolver,
    EndorsementResolver,
    ProgrammeLeaderResolver,
  ],
})
export class ProgrammesModule {}
