import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { ConflictJsonRead } from './conflict-json-read';
import { ConflictProcessesService } from './conflict-processes.service';
import { ConflictLoaders } from './conflicts.loaders';
import {
  ConflictEventResolver,
  ConflictProcessResolver,
  ConflictProcessVersionResolver,
  ConflictResolver,
  LocalityConflictsResolver,
  ProgrammeConflictsResolver,
} from './conflicts.resolvers';
import { ConflictsService } from './conflicts.service';
import { ConflictsSetupProgressResolver } from './setup-progress.resolver';

@Module({
  imports: [JsonReadsModule, RegistryModule, ProgrammesModule],
  providers: [
    ConflictsSetupProgressResolver,
    ConflictJsonRead,
    ConflictProcessesService,
    ConflictsService,
    ConflictLoaders,
    ConflictProcessResolver,
    ConflictProcessVersionResolver,
    ConflictResolver,
    ConflictEventResolver,
    LocalityConflictsResolver,
    ProgrammeConflictsResolver,
  ],
  exports: [ConflictProcessesService, ConflictsService, ConflictLoaders],
})
export class ConflictsModule {}
