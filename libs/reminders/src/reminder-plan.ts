import { DeadlineKind, DeadlineWindow, dayOffset } from '@joinedup/deadlines';

/**
 * One moment a deadline is reminded at, in days relative to its due day: due from
 * `firstDay` to `lastDay` (both included). A range rather than one day, so a worker that
 * was down on the day still sends it when it comes back; the sent mark keeps it to once.
 */
export interface ReminderMoment {
  /** Part of the at-most-once key and of the job id: a stored contract. */
  name: string;
  firstDay: number;
  lastDay: number;
}

/** How long after the due day an overdue (or on-the-day) reminder may still go out. */
export const CATCH_UP_DAYS = 7;

/** `days` days before the due day, and any day after that up to the due day itself. */
const before = (days: number): ReminderMoment => ({ name: `before-${days}`, firstDay: -days, lastDay: 0 });
/** On the due day (or, after an outage, within CATCH_UP_DAYS of it). */
const onTheDay: ReminderMoment = { name: 'due', firstDay: 0, lastDay: CATCH_UP_DAYS };
/** Once, the day after the due day (or within CATCH_UP_DAYS): older deadlines are left to the dashboards. */
const overdue: ReminderMoment = { name: 'overdue', firstDay: 1, lastDay: 1 + CATCH_UP_DAYS };

/**
 * When each deadline kind is reminded, to the users the catalogue says can act on it.
 * Moments of one kind never overlap, so at most one is due on any day.
 * An alignment answer is reminded 2 days before rather than on the day: the answer is the
 * body's, and its representatives need time to agree it. Health-check rounds are not here:
 * their invitations and reminders go to the people asked (libs/health-check).
 */
export const REMINDER_PLAN: Readonly<Partial<Record<DeadlineKind, readonly ReminderMoment[]>>> = {
  [DeadlineKind.CONFLICT_STAGE_DUE]: [before(2), overdue],
  [DeadlineKind.IMPROVEMENT_REVIEW_DUE]: [before(7)],
  [DeadlineKind.IMPROVEMENT_ACTION_DUE]: [overdue],
  [DeadlineKind.ALIGNMENT_ANSWER_DUE]: [before(2)],
  [DeadlineKind.ENDORSEMENT_WAITING]: [onTheDay],
  [DeadlineKind.LEADER_RECONFIRMATION_DUE]: [before(30)],
};

const DAY_MS = 86_400_000;

/** Whole days from `today` to `dueOn` (both `YYYY-MM-DD`): negative once it has passed. */
export function daysUntil(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The moment of a deadline of `kind` due on `dueOn` that is due `today`, if any. */
export function reminderMomentDue(kind: DeadlineKind, dueOn: string, today: string): ReminderMoment | undefined {
  const day = -daysUntil(dueOn, today);
  return REMINDER_PLAN[kind]?.find((moment) => day >= moment.firstDay && day <= moment.lastDay);
}

/** The due days whose deadlines may have a reminder due at `at` (UTC days). */
export function reminderWindow(at: Date): DeadlineWindow {
  const moments = Object.values(REMINDER_PLAN).flat();
  return {
    from: dayOffset(at, -Math.max(...moments.map((m) => m.lastDay))),
    to: dayOffset(at, Math.max(...moments.map((m) => -m.firstDay))),
  };
}
