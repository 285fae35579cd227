import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Action, CurrentPrincipal, Principal, Public, Role, Roles } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { SendSignInLinkInput, SetPasswordWithLinkInput } from './auth.inputs';
import { refuseAfterOtherFields } from './auth.resolver';
import { SIGN_IN_LINK_DAYS, SIGN_IN_LINKS_PER_HOUR } from './sign-in-link';
import { SignInLinksService } from './sign-in-links.service';
import { AuthSessionType, SignInLinkType, UserType } from './user.type';
import { UsersService } from './users.service';

/** Emailed links with which a user chooses their password (instead of being given one). */
@Resolver()
export class SignInLinksResolver {
  constructor(
    private readonly links: SignInLinksService,
    private readonly users: UsersService,
    private readonly db: TenantDb,
  ) {}

  @Action('send a sign-in link')
  @Roles(Role.TENANT_ADMIN)
  @Mutation(() => UserType, {
    description: `Emails the user a link to choose their password and sign in: it works once, for ${SIGN_IN_LINK_DAYS} days, and replaces the links sent before. At most ${SIGN_IN_LINKS_PER_HOUR} an hour per user; needs SMTP_URL.`,
  })
  async sendSignInLink(@CurrentPrincipal() principal: Principal, @Args('input') input: SendSignInLinkInput): Promise<UserType> {
    await this.links.request(principal, input.userId);
    return this.users.get(input.userId);
  }

  @Public()
  @Query(() => SignInLinkType, { description: 'Whom a sign-in link is for, while it works (NOT_FOUND otherwise, whatever the reason). Uses nothing up.' })
  signInLink(@Args('token', { type: () => String }) token: string): Promise<SignInLinkType> {
    refuseAfterOtherFields(this.db, 'signInLink');
    return this.links.describe(token);
  }

  @Public()
  @Mutation(() => AuthSessionType, {
    description: "Chooses the password of a sign-in link's user (the password policy of createUser) and signs them in; the link then stops working, with the user's older links and sessions.",
  })
  async setPasswordWithLink(@Args('input') input: SetPasswordWithLinkInput): Promise<AuthSessionType> {
    refuseAfterOtherFields(this.db, 'setPasswordWithLink');
    const session = await this.links.redeem(input.token, input.password);
    const user = await this.db.run({ tenantId: session.tenantId, userId: session.userId }, () => this.users.get(session.userId));
    return { ...session, user };
  }
}
