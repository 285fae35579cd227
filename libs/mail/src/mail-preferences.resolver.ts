import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Public, Roles } from '@joinedup/access';
import { MailPreferencesService } from './mail-preferences.service';
import { MailPreferencesType, MailUnsubscribeLinkType, UpdateMyMailPreferencesInput } from './mail-preferences.types';

/**
 * The signed-in user's mail preferences, and the unsubscribe links in messages: public
 * (a mail client's one-click POST carries no cookies), each opened only by a token the
 * server signed, naming one user and one kind.
 */
@Resolver()
export class MailPreferencesResolver {
  constructor(private readonly preferences: MailPreferencesService) {}

  @Roles(...ANY_ROLE)
  @Query(() => MailPreferencesType, { description: 'Which mail you receive.' })
  myMailPreferences(@CurrentPrincipal() principal: Principal): Promise<MailPreferencesType> {
    return this.preferences.mine(principal.userId);
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => MailPreferencesType, { description: 'Sets which kinds of mail you receive: the kinds not listed are switched off.' })
  updateMyMailPreferences(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateMyMailPreferencesInput): Promise<MailPreferencesType> {
    return this.preferences.update(principal.tenantId, principal.userId, input.kindsOn);
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => MailPreferencesType, {
    description: 'Makes every unsubscribe link sent to you so far stop working (messages sent from now on carry new ones). Your preferences stay as they are.',
  })
  revokeMyUnsubscribeLinks(@CurrentPrincipal() principal: Principal): Promise<MailPreferencesType> {
    return this.preferences.revokeLinks(principal.tenantId, principal.userId);
  }

  @Public()
  @Query(() => MailUnsubscribeLinkType, { description: "What an unsubscribe link from a message stops (it changes nothing: link scanners open links)." })
  mailUnsubscribeLink(@Args('token', { type: () => String }) token: string): Promise<MailUnsubscribeLinkType> {
    return this.preferences.link(token);
  }

  @Public()
  @Mutation(() => MailUnsubscribeLinkType, {
    description: 'Switches off the kind of mail an unsubscribe link names, for the user it names, without signing in. Using it again changes nothing.',
  })
  unsubscribeFromMail(@Args('token', { type: () => String }) token: string): Promise<MailUnsubscribeLinkType> {
    return this.preferences.unsubscribe(token);
  }
}
