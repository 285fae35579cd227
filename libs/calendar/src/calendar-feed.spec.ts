import ICAL from 'ical.js';
import { calendarFeed, feedUid } from './calendar-feed';

const origin = 'https://joinedup.example.org';
const now = new Date('2026-12-05T21:00:00Z');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => ({
    uid: vevent.getFirstPropertyValue('uid'),
    start: vevent.getFirstProperty('dtstart')!.toICALString(),
    sequence: vevent.getFirstPropertyValue('sequence'),
    status: vevent.getFirstPropertyValue('status'),
    summary: vevent.getFirstPropertyValue('summary'),
    url: vevent.getFirstPropertyValue('url'),
  }));
}

describe('calendarFeed', () => {
  it('writes each deadline as an all-day event on its own day, with a stable UID and its page', () => {
    const text = calendarFeed(
      [
        { id: 'improvement-review-1', dueOn: '2027-01-01', title: 'Review due', href: '/records/improvement-reviews/1', sequence: 0, cancelled: false },
        { id: 'conflict-stage-2-1', dueOn: '2026-12-31', title: 'Stage due', href: '/records/conflicts/2', sequence: 3, cancelled: true },
      ],
      { origin, now },
    );
    expect(text).toContain('DTSTART;VALUE=DATE:20270101');
    expect(parse(text)).toEqual([
      {
        uid: 'improvement-review-1@joinedup.example.org',
        start: 'DTSTART;VALUE=DATE:20270101',
        sequence: 0,
        status: 'CONFIRMED',
        summary: 'Review due',
        url: 'https://joinedup.example.org/records/improvement-reviews/1',
      },
      {
        uid: 'conflict-stage-2-1@joinedup.example.org',
        start: 'DTSTART;VALUE=DATE:20261231',
        sequence: 3,
        status: 'CANCELLED',
        summary: 'Stage due',
        url: 'https://joinedup.example.org/records/conflicts/2',
      },
    ]);
  });

  it('names the host in the UID, never the path', () => {
    expect(feedUid('x-1', 'http://127.0.0.1:3000/')).toBe('x-1@127.0.0.1:3000');
  });
});
