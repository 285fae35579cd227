import { Module } from '@nestjs/common';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { LocalitiesService } from './localities.service';
import { LocalityJsonRead } from './locality-json-read';
import { LocalityMembersPrefetch } from './locality-members-prefetch';
import { LocalityParts } from './locality-parts';
import { MembershipsService } from './memberships.service';
import { OrganisationsService } from './organisations.service';
import { PeopleService } from './people.service';
import { RegistryLoaders } from './registry.loaders';
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
    LocalityParts,
    LocalityMembersPrefetch,
    LocalityJsonRead,
    LocalityResolver,
    MembershipResolver,
    OrganisationResolver,
    PersonResolver,
    UserOrganisationResolver,
  ],
  exports: [LocalitiesService, LocalityParts, OrganisationsService, PeopleService, RegistryLoaders],
})
export class RegistryModule {}
