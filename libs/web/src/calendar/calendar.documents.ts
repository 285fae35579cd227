/** The documents of "Your calendar": whether the user has a feed, and renewing or revoking it. */
const FEED_FIELDS = 'createdAt lastFetchedAt';

export const CALENDAR = /* GraphQL */ `query WebCalendar { calendarFeed { ${FEED_FIELDS} } }`;

/** The URL is in this answer only: the API keeps a hash of its secret. */
export const RENEW_CALENDAR = /* GraphQL */ `mutation WebRenewCalendarFeed { renewCalendarFeed { url feed { ${FEED_FIELDS} } } }`;

export const REVOKE_CALENDAR = /* GraphQL */ `mutation WebRevokeCalendarFeed { revokeCalendarFeed }`;
