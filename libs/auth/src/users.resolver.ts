import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Action, CheckSessionApart, CurrentPrincipal, Principal, Role, Roles } from '@joinedup/access';
import { Connection, IdArg, PageArgs } from '@joinedup/graphql-kit';
import { ChangeUserRoleInput, CreateUserInput, DeactivateUserInput } from './auth.inputs';
import { UserConnection, UserType } from './user.type';
import { UsersService } from './users.service';

@Resolver(() => UserType)
export class UsersResolver {
  constructor(private readonly users: UsersService) {}

  @Roles(Role.TENANT_ADMIN)
  @Query(() => UserConnection, { name: 'users', description: 'Users of your tenant, by email.' })
  list(
    @Args() page: PageArgs,
    @Args('role', { type: () => Role, nullable: true, description: 'Only users with this role.' }) role?: Role | null,
    @Args('active', { type: () => Boolean, nullable: true, description: 'Only active (true) or deactivated (false) users.' }) active?: boolean | null,
  ): Promise<Connection<UserType>> {
    return this.users.list(page, { role, active });
  }

  @Roles(Role.TENANT_ADMIN)
  @Query(() => UserType)
  user(@IdArg() id: string): Promise<UserType> {
    return this.users.get(id);
  }

  @Roles(Role.TENANT_ADMIN)
  // It hashes the password before its first statement: no connection may wait on that.
  @CheckSessionApart()
  @Mutation(() => UserType)
  createUser(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateUserInput): Promise<UserType> {
    return this.users.create(principal, input);
  }

  @Action("change a user's role")
  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => UserType, { description: 'Changes the role (and, for member representatives, the organisation).' })
  changeUserRole(@CurrentPrincipal() principal: Principal, @Args('input') input: ChangeUserRoleInput): Promise<UserType> {
    return this.users.changeRole(principal, input);
  }

  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => UserType, { description: 'Stops a user signing in and ends their sessions.' })
  deactivateUser(@CurrentPrincipal() principal: Principal, @Args('input') input: DeactivateUserInput): Promise<UserType> {
    return this.users.deactivate(principal, input.userId);
  }
}
