import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';
import { RoleLoaders } from './role.loaders';
import { PersonRolesResolver, ProgrammeRoleResolver, ProgrammeRolesResolver, RoleAssignmentResolver, RoleCandidateResolver } from './role.resolvers';
import { RolesService } from './roles.service';

@Module({
  imports: [RegistryModule, ProgrammesModule],
  providers: [RolesService, RoleLoaders, ProgrammeRoleResolver, RoleAssignmentResolver, RoleCandidateResolver, ProgrammeRolesResolver, PersonRolesResolver],
  exports: [RolesService, RoleLoaders],
})
export class RolesModule {}
