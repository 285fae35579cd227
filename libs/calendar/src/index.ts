export * from './calendar-feed';
export * from './calendar-feeds.service';
export * from './calendar.module';
export * from './calendar.types';
