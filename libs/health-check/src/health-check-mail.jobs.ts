import { MailJob } from '@joinedup/mail';

/** The health check's jobs on the mail queue: a stored contract, so names change only by adding. */
export const HEALTH_CHECK_MAIL_JOB = {
  /** Emails new invitations their links (issued as they are sent). */
  invitations: 'health-check-invitations',
  /** Reminds a round's emailed invitees, without a link, before the close. */
  reminders: 'health-check-reminders',
} as const;

/** Invitations of one round, by id: who, never which link. */
export interface InvitationMailJob extends MailJob {
  roundId: string;
  invitationIds: string[];
}

export interface ReminderMailJob extends MailJob {
  roundId: string;
}

/** Reminders go this many days before a round's closing day (UTC days). */
export const REMIND_DAYS_BEFORE_CLOSE = 3;

/** One job per invitation batch: an invitation is in one batch only, so its smallest id names it. */
export const invitationMailJobId = (invitationIds: string[]): string => `health-check-invitations.${[...invitationIds].sort()[0]}`;

/** At most one reminder job per round and day; the invitations' reminded marks keep it to one message each. */
export const reminderMailJobId = (roundId: string, day: string): string => `health-check-reminders.${roundId}.${day}`;
