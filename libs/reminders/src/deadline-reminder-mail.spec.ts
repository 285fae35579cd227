import { DeadlineKind } from '@joinedup/deadlines';
import { renderMail } from '@joinedup/mail';
import { REMINDER_PLAN } from './reminder-plan';
import { REMINDER_ACTIONS, deadlineReminderMail, longDay } from './deadline-reminder-mail';

const base = {
  recipientName: 'Ada <Rep>',
  kind: DeadlineKind.CONFLICT_STAGE_DUE,
  title: 'Conflict stage 1 (Talk) due: Funding & <staff>',
  dueOn: '2026-12-07',
  today: '2026-12-05',
  href: '/records/conflicts/C1',
  webBase: 'https://j.example/',
  unsubscribeUrl: 'https://j.example/unsubscribe/abc.def',
  kindName: 'reminders of conflict stages due or overdue',
};

describe('a deadline reminder', () => {
  it('says what is due and when, what to do, links to its page and to stop this kind', () => {
    const { subject, text, html } = renderMail(deadlineReminderMail(base));
    expect(subject).toBe('Reminder: Conflict stage 1 (Talk) due: Funding & <staff>');
    expect(text).toContain('This is due on Monday 7 December 2026, in 2 days.');
    expect(text).toContain(REMINDER_ACTIONS[DeadlineKind.CONFLICT_STAGE_DUE]);
    expect(text).toContain('https://j.example/records/conflicts/C1');
    expect(text).toContain('To stop reminders of conflict stages due or overdue, use this link:\n\nhttps://j.example/unsubscribe/abc.def');
    expect(html).toContain('Funding &amp; &lt;staff&gt;');
    expect(html).not.toContain('<staff>');
  });

  it('says when it is due today, and when it is overdue', () => {
    expect(renderMail(deadlineReminderMail({ ...base, dueOn: '2026-12-05' })).text).toContain('This is due today, Saturday 5 December 2026.');
    const overdue = renderMail(deadlineReminderMail({ ...base, dueOn: '2026-12-04' }));
    expect(overdue.subject).toMatch(/^Overdue: /);
    expect(overdue.text).toContain('This was due on Friday 4 December 2026 and is overdue.');
  });

  it('has words for what to do for every kind reminded', () => {
    expect(Object.keys(REMINDER_ACTIONS).sort()).toEqual(Object.keys(REMINDER_PLAN).sort());
    expect(longDay('2027-01-01')).toBe('Friday 1 January 2027');
  });
});
