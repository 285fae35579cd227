/**
 * The kinds of mail a user can switch off, one code each: a stored contract (preferences
 * and unsubscribe links name them). Every kind is on until its user switches it off.
 * Besides DIGEST, each is a DeadlineKind of the deadline catalogue (libs/deadlines; checked
 * by mail-kinds.spec.ts): a reminder of a deadline is switched off by its kind.
 */
export const MAIL_KINDS = [
  'DIGEST',
  'CONFLICT_STAGE_DUE',
  'IMPROVEMENT_REVIEW_DUE',
  'IMPROVEMENT_ACTION_DUE',
  'ALIGNMENT_ANSWER_DUE',
  'ENDORSEMENT_WAITING',
  'LEADER_RECONFIRMATION_DUE',
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

/** How the preferences page and the unsubscribe page name each kind. */
export const MAIL_KIND_NAMES: Record<MailKind, string> = {
  DIGEST: 'the weekly digest of flags and health',
  CONFLICT_STAGE_DUE: 'reminders of conflict stages due or overdue',
  IMPROVEMENT_REVIEW_DUE: 'reminders of improvement reviews due',
  IMPROVEMENT_ACTION_DUE: 'reminders of overdue actions',
  ALIGNMENT_ANSWER_DUE: "reminders of alignment requests' answers due",
  ENDORSEMENT_WAITING: "reminders of nominations waiting for your body's endorsement",
  LEADER_RECONFIRMATION_DUE: "reminders of leaders' re-confirmations due",
};

/**
 * Health-check invitations and reminders go to people, not users: their links stop this
 * kind for the person's address (a person-level opt-out), and it is no user preference.
 */
export const PERSON_MAIL_KIND = 'HEALTH_CHECK';

/** What an unsubscribe link can stop: a user's kind, or a person's health-check mail. */
export type UnsubscribeKind = MailKind | typeof PERSON_MAIL_KIND;

export const UNSUBSCRIBE_KIND_NAMES: Record<UnsubscribeKind, string> = {
  ...MAIL_KIND_NAMES,
  HEALTH_CHECK: 'health-check invitations and reminders',
};

export const isMailKind = (value: unknown): value is MailKind => typeof value === 'string' && (MAIL_KINDS as readonly string[]).includes(value);

export const isUnsubscribeKind = (value: unknown): value is UnsubscribeKind => value === PERSON_MAIL_KIND || isMailKind(value);
