/** Every kind of deadline JoinedUp knows, for calendars and reminders alike. */
export enum DeadlineKind {
  CONFLICT_STAGE_DUE = 'CONFLICT_STAGE_DUE',
  IMPROVEMENT_REVIEW_DUE = 'IMPROVEMENT_REVIEW_DUE',
  IMPROVEMENT_ACTION_DUE = 'IMPROVEMENT_ACTION_DUE',
  ALIGNMENT_ANSWER_DUE = 'ALIGNMENT_ANSWER_DUE',
  ENDORSEMENT_WAITING = 'ENDORSEMENT_WAITING',
  LEADER_RECONFIRMATION_DUE = 'LEADER_RECONFIRMATION_DUE',
  HEALTH_CHECK_ROUND_CLOSES = 'HEALTH_CHECK_ROUND_CLOSES',
}

/** One deadline one user can act on. */
export interface Deadline {
  userId: string;
  /**
   * Stable across changes of date and title: the kind, the record and where it matters
   * the stage or organisation (`conflict-stage-<id>-2`), so a calendar UID built on it
   * names the same event after the record changes.
   */
  id: string;
  kind: DeadlineKind;
  /** The day it falls due, `YYYY-MM-DD`. */
  dueOn: string;
  /** Says what is due, with no detail the user may not read. */
  title: string;
  /** The web page (a path) where it is acted on. */
  href: string;
}

/** Which due dates to read, both ends included, as `YYYY-MM-DD`. */
export interface DeadlineWindow {
  from: string;
  to: string;
}

/** At most this many deadlines are read at once, for one user or for all. */
export const MAX_DEADLINES = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of `at` shifted by `days`, as `YYYY-MM-DD`. */
export function dayOffset(at: Date, days: number): string {
  return new Date(at.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The window from `back` days before `now` to `ahead` days after it (UTC days). */
export function windowAround(now: Date, back: number, ahead: number): DeadlineWindow {
  return { from: dayOffset(now, -back), to: dayOffset(now, ahead) };
}
