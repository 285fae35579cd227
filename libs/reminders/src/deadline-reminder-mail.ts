import { DeadlineKind } from '@joinedup/deadlines';
import { MailContent } from '@joinedup/mail';
import { daysUntil } from './reminder-plan';

/** What the recipient is asked to do, per kind reminded: plain words, no record detail. */
export const REMINDER_ACTIONS: Readonly<Partial<Record<DeadlineKind, string>>> = {
  [DeadlineKind.CONFLICT_STAGE_DUE]: 'Work through this stage with the other parties, then record its outcome or move the conflict on.',
  [DeadlineKind.IMPROVEMENT_REVIEW_DUE]: 'Gather the evidence for the review and complete it.',
  [DeadlineKind.IMPROVEMENT_ACTION_DUE]: 'Complete the action, or agree a new due date with the coordinator.',
  [DeadlineKind.ALIGNMENT_ANSWER_DUE]: 'Agree your body’s answer to the request and send it.',
  [DeadlineKind.ENDORSEMENT_WAITING]: 'Say whether your body supports, opposes or abstains on the nomination.',
  [DeadlineKind.LEADER_RECONFIRMATION_DUE]: 'Open the leader’s re-confirmation so the member bodies can endorse them again.',
};

export interface ReminderFacts {
  recipientName: string;
  kind: DeadlineKind;
  /** The catalogue's title: already only what the recipient may read. */
  title: string;
  dueOn: string;
  today: string;
  /** The catalogue's web path, starting with `/`. */
  href: string;
  /** The web pages' origin, ending in `/`. */
  webBase: string;
  unsubscribeUrl: string;
  kindName: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-12-07` as `Monday 7 December 2026` (the GOV.UK style), without depending on the ICU data installed. */
export function longDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function when(dueOn: string, today: string): string {
  const days = daysUntil(dueOn, today);
  if (days < 0) return `This was due on ${longDay(dueOn)} and is overdue.`;
  if (days === 0) return `This is due today, ${longDay(dueOn)}.`;
  return `This is due on ${longDay(dueOn)}, in ${days === 1 ? '1 day' : `${days} days`}.`;
}

/** One deadline reminder: what is due and when, what to do, where, and how to stop this kind. */
export function deadlineReminderMail(facts: ReminderFacts): MailContent {
  const overdue = daysUntil(facts.dueOn, facts.today) < 0;
  return {
    subject: `${overdue ? 'Overdue' : 'Reminder'}: ${facts.title}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${facts.recipientName},` },
      { kind: 'inset', text: facts.title },
      { kind: 'paragraph', text: when(facts.dueOn, facts.today) },
      { kind: 'paragraph', text: REMINDER_ACTIONS[facts.kind] ?? 'Sign in to act on it.' },
      { kind: 'link', url: `${facts.webBase}${facts.href.replace(/^\//, '')}` },
      { kind: 'paragraph', text: `To stop ${facts.kindName}, use this link:` },
      { kind: 'link', url: facts.unsubscribeUrl },
      { kind: 'paragraph', text: 'To choose which emails you get, sign in and go to:' },
      { kind: 'link', url: `${facts.webBase}mail-preferences` },
    ],
  };
}
