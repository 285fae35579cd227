import { Module } from '@nestjs/common';
import { DeadlinesModule } from '@joinedup/deadlines';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarFeedResolver } from './calendar.resolvers';

/** Private calendar feeds of the deadline catalogue, and the API to renew and revoke them. */
@Module({
  imports: [DeadlinesModule],
  controllers: [CalendarFeedController],
  providers: [CalendarFeedsService, CalendarFeedResolver],
})
export class CalendarModule {}
