import { Info, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { CurrentPrincipal, Principal } from '@joinedup/access';
import { UserType } from '@joinedup/auth';
import { DescribedLoaders } from '@joinedup/graphql-kit';
import { OrganisationType } from './registry.types';

/** The member body a member representative acts for, on the auth library's User: its description (LocalityJsonRead), batched. */
@Resolver(() => UserType)
export class UserOrganisationResolver {
  constructor(private readonly described: DescribedLoaders) {}

  @ResolveField(() => OrganisationType, { nullable: true, description: 'The member body a member representative acts for.' })
  organisation(@CurrentPrincipal() principal: Principal, @Info() info: GraphQLResolveInfo, @Parent() user: UserType): Promise<OrganisationType | null> | null {
    return user.organisationId ? this.described.one(info, principal, user.id) : null;
  }
}
