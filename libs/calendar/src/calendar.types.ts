import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('CalendarFeed', { description: 'Your private calendar feed of the deadlines you can act on; its address is shown only when made.' })
export class CalendarFeedType {
  @Field({ description: 'When this address was made (renewing makes a new one).' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a calendar last fetched it; null when never.' })
  lastFetchedAt!: Date | null;
}

@ObjectType('RenewedCalendarFeed')
export class RenewedCalendarFeedType {
  @Field({
    description:
      'The feed’s address, to subscribe to from a calendar app. Shown this once: only a hash of its secret is kept. ' +
      'The earlier address, if any, no longer works.',
  })
  url!: string;

  @Field(() => CalendarFeedType)
  feed!: CalendarFeedType;
}
