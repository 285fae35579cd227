import { Module } from '@nestjs/common';
import { LocalitiesService } from './localities.service';
import { LocalityMembersPrefetch } from './locality-members-prefetch';
import { LocalityParts } from './locality-parts';
import { MembershipsService } from './memberships.service';
import { OrganisationsService } from './organisations.service';
import { PeopleService } from './people.service';
import { RegistryLoaders } from './registry.loaders';
import { LocalityResolver, MembershipResolver, OrganisationResolver, PersonResolver } from './registry.resolvers';

@Module({
  providers: [
    LocalitiesService,
    OrganisationsService,
    MembershipsService,
    PeopleService,
    RegistryLoaders,
    LocalityParts,
    LocalityMembersPrefetch,
    LocalityResolver,
    MembershipResolver,
    OrganisationResolver,
    PersonResolver,
  ],
  exports: [LocalitiesService, LocalityParts, OrganisationsService, PeopleService, RegistryLoaders],
})
export class RegistryModule {}
