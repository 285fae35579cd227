import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
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
  imports: [RegistryModule, ProgrammesModule],
  providers: [
    ConflictsSetupProgressResolver,
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
