import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Public, Roles } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { badInput } from '@joinedup/errors';
import { RefreshSessionInput, SignInInput } from './auth.inputs';
import { IssuedSession, SessionService } from './session.service';
import { AuthSessionType, UserType } from './user.type';
import { UsersService } from './users.service';

/** The HTTP request as Express gives it; `ip` honours the TRUST_PROXY setting. */
interface HttpRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly db: TenantDb,
  ) {}

  @Public()
  @Mutation(() => AuthSessionType, { description: 'Signs in with email, password and tenant slug.' })
  async signIn(@Args('input') input: SignInInput, @Context('req') req: HttpRequest): Promise<AuthSessionType> {
    this.refuseAfterOtherFields('signIn');
    const address = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    return this.withUser(await this.sessions.signIn(input.email, input.password, input.tenant, address));
  }

  @Public()
  @Mutation(() => AuthSessionType, { description: 'Exchanges a refresh token for a new pair of tokens.' })
  async refreshSession(@Args('input') input: RefreshSessionInput): Promise<AuthSessionType> {
    this.refuseAfterOtherFields('refreshSession');
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

  private refuseAfterOtherFields(field: string): void {
    refuseAfterOtherFields(this.db, field);
  }

  /** The new session's user, read under that session's tenant. */
  private async withUser(session: IssuedSession): Promise<AuthSessionType> {
    const user = await this.db.run({ tenantId: session.tenantId, userId: session.userId }, () =>
      this.users.get(session.userId),
    );
    return { ...session, user };
  }
}

/**
 * Sign-in, refresh and sign-in links commit short transactions of their own (a refused
 * sign-in still counts), which cannot happen inside an operation's transaction that is already open.
 */
export function refuseAfterOtherFields(db: TenantDb, field: string): void {
  if (db.holdsConnection()) {
    throw badInput(`Send ${field} in an operation of its own, or before any field that reads or changes data.`, field);
  }
}
