import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserType } from '@joinedup/auth';
import { RegistryLoaders } from './registry.loaders';
import { OrganisationType } from './registry.types';

/** The member body a member representative acts for, on the auth library's User (one statement per list). */
@Resolver(() => UserType)
export class UserOrganisationResolver {
  constructor(private readonly loaders: RegistryLoaders) {}

  @ResolveField(() => OrganisationType, { nullable: true, description: 'The member body a member representative acts for.' })
  organisation(@Parent() user: UserType): Promise<OrganisationType | null> | null {
    return user.organisationId ? this.loaders.organisation().load(user.organisationId) : null;
  }
}
