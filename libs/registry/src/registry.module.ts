import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { LocalitiesService } from './localities.service';
import { LocalityJsonRead } from './locality-json-read';
import { MembershipsService } from './memberships.service';
import { OrganisationsService } from './organisations.service';
import { PeopleService } from './people.service';
import { RegistryLoaders } from './registry.loaders';
import { SetupProgressResolver } from './setup-progress.resolver';
import { LocalityResolver, MembershipResolver, OrganisationResolver, PersonResolver } from './registry.resolvers';
import { UserOrganisationResolver } from './user-organisation.resolver';

@Module({
  imports: [JsonReadsModule],
  providers: [
    LocalitiesService,
    OrganisationsService,
    MembershipsService,
    PeopleService,
    RegistryLoaders,
    LocalityJsonRead,
    LocalityResolver,
    MembershipResolver,
    OrganisationResolver,
    PersonResolver,
    SetupProgressResolver,
    UserOrganisationResolver,
  ],
  exports: [LocalitiesService, OrganisationsService, PeopleService, RegistryLoaders],
})
export class RegistryModule {}
