import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** One event of a feed as served: a deadline now, or one that went away (cancelled). */
export interface FeedEvent {
  /** The deadline's stable id (see Deadline.id). */
  id: string;
  dueOn: string;
  title: string;
  /** A path of the web pages. */
  href: string;
  sequence: number;
  cancelled: boolean;
}

export interface FeedOptions {
  /** Where the web pages are, e.g. `https://joinedup.example.org`: links and UIDs are built on it. */
  origin: string;
  /** When the feed is made (DTSTAMP of every event). */
  now: Date;
}

/** The UID of a deadline's event: its stable id at the service's host, the same in every fetch. */
export function feedUid(id: string, origin: string): string {
  return `${id}@${new URL(origin).host}`;
}

/**
 * A user's feed as iCalendar text: an all-day event per deadline (DTSTART;VALUE=DATE), with
 * a link to the page where it is acted on, and cancelled events for deadlines gone away.
 */
export function calendarFeed(events: readonly FeedEvent[], { origin, now }: FeedOptions): string {
  const calendar = ical({
    name: 'JoinedUp deadlines',
    description: 'Deadlines you can act on in JoinedUp',
    prodId: { company: 'JoinedUp', product: 'deadlines', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Calendar apps poll at their own pace; this asks for about hourly.
    ttl: 60 * 60,
  });
  for (const event of events) {
    const url = new URL(event.href, origin).toString();
    calendar.createEvent({
      id: feedUid(event.id, origin),
      start: utcMidnight(event.dueOn),
      allDay: true,
      summary: event.title,
      description: `${event.title}\n${url}`,
      url,
      sequence: event.sequence,
      stamp: now,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** An all-day date as ical-generator wants it: the day's UTC midnight (it writes the UTC date). */
function utcMidnight(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
