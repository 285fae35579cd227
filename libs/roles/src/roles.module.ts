import { Module } from '@nestjs/common';
import { ProgrammesModule } from '@joinedup/programmes';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { RegistryModule } from '@joinedup/registry';
import { RoleJsonRead } from './role-json-read';
import { RoleLoaders } from './role.loaders';
import { PersonRolesResolver, ProgrammeRoleResolver, ProgrammeRolesResolver, RoleAssignmentResolver, RoleCandidateResolver } from './role.resolvers';
import { RolesService } from './roles.service';

@Module({
  imports: [RegistryModule, ProgrammesModule, JsonReadsModule],
  providers: [RolesService, RoleLoaders, RoleJsonRead, ProgrammeRoleResolver, RoleAssignmentResolver, RoleCandidateResolver, ProgrammeRolesResolver, PersonRolesResolver],
  exports: [RolesService, RoleLoaders],
})
export class RolesModule {}
