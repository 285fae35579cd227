import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentPrincipal, Principal, Roles } from '@joinedup/access';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedType, RenewedCalendarFeedType } from './calendar.types';

/** Every role may have a feed; it lists only the deadlines its user can act on. */
@Resolver()
export class CalendarFeedResolver {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Roles(...ANY_ROLE)
  @Query(() => CalendarFeedType, { nullable: true, description: 'Your calendar feed; null when you have none.' })
  calendarFeed(@CurrentPrincipal() principal: Principal): Promise<CalendarFeedType | null> {
    return this.feeds.status(principal);
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => RenewedCalendarFeedType, { description: 'Makes you a new calendar feed address, revoking the earlier one.' })
  renewCalendarFeed(@CurrentPrincipal() principal: Principal): Promise<RenewedCalendarFeedType> {
    return this.feeds.renew(principal);
  }

  @Roles(...ANY_ROLE)
  @Mutation(() => Boolean, { description: 'Revokes your calendar feed address; false when you had none.' })
  revokeCalendarFeed(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    return this.feeds.revoke(principal);
  }
}
