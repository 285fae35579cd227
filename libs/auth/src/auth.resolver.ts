import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Public, Roles } from '@joinedup/access';
import { RefreshSessionInput, SignInInput } from './auth.inputs';
import { IssuedSession, SessionService } from './session.service';
import { AuthSessionType, UserType } from './user.type';
import { UsersService } from './users.service';
import { TenantDb } from '@joinedup/database';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly db: TenantDb,
  ) {}

  @Public()
  @Mutation(() => AuthSessionType, { description: 'Signs in with email, password and tenant slug.' })
  async signIn(@Args('input') input: SignInInput): Promise<AuthSessionType> {
    return this.withUser(await this.sessions.signIn(input.email, input.password, input.tenant));
  }

  @Public()
  @Mutation(() => AuthSessionType, { description: 'Exchanges a refresh token (once) for a new pair of tokens.' })
  async refreshSession(@Args('input') input: RefreshSessionInput): Promise<AuthSessionType> {
    return this.withUser(await this.sessions.refresh(input.refreshToken));
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => Boolean, { description: "Ends the caller's session; its tokens stop working." })
  async signOut(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    await this.sessions.signOut(principal.sessionId);
    return true;
  }

  @Roles(...ANY_ROLE)
  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@CurrentPrincipal() principal: Principal): Promise<UserType> {
    return this.users.get(principal.userId);
  }

  /** The new session's user, read under that session's tenant. */
  private async withUser(session: IssuedSession): Promise<AuthSessionType> {
    const user = await this.db.run({ tenantId: session.tenantId, userId: session.userId }, () =>
      this.users.get(session.userId),
    );
    return { ...session, user };
  }
}
