/**
 * The date rules of an alignment request and its decline rate, as pure functions over
 * 'YYYY-MM-DD' strings (which order as dates do). "Today" is the database's current date,
 * passed in, so the service and the stored columns agree on what day it is.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
}

/** A problem with a date, for a BAD_USER_INPUT naming `field`. */
export interface DateProblem {
  field: string;
  message: string;
}

const notADate = (field: string, date: string): DateProblem | null =>
  isCalendarDate(date) ? null : { field, message: `${field} ${date} is not a date in the calendar.` };

/** The date an answer is due by: today or later. */
export function responseDueProblem(responseDueOn: string, today: string): DateProblem | null {
  return (
    notADate('responseDueOn', responseDueOn) ??
    (responseDueOn < today ? { field: 'responseDueOn', message: `responseDueOn must not be in the past (today is ${today}).` } : null)
  );
}

/** The date an agreed adaptation is planned for: on or after the day of the agreement (today). */
export function plannedProblem(plannedOn: string, today: string): DateProblem | null {
  return (
    notADate('plannedOn', plannedOn) ??
    (plannedOn < today
      ? { field: 'plannedOn', message: `plannedOn must not be before the day of the agreement (today, ${today}).` }
      : null)
  );
}

/** The date the target adapted: not before it agreed, and not in the future. */
export function adaptedProblem(adaptedOn: string, agreedOn: string, today: string): DateProblem | null {
  const invalid = notADate('adaptedOn', adaptedOn);
  if (invalid) return invalid;
  if (adaptedOn > today) return { field: 'adaptedOn', message: `adaptedOn must not be in the future (today is ${today}).` };
  if (adaptedOn < agreedOn) {
    return { field: 'adaptedOn', message: `adaptedOn must not be before ${agreedOn}, the day the request was agreed.` };
  }
  return null;
}

/** A period of days, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** The same day a year earlier (29 February to 28 February). */
export function yearBefore(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return `${String(year - 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * The period a caller asks for: `to` is today and `from` a year before `to` when left
 * out; `from` must not be after `to`.
 */
export function resolvePeriod(given: { from?: string | null; to?: string | null }, today: string): Period | DateProblem {
  for (const field of ['from', 'to'] as const) {
    const date = given[field];
    const invalid = date ? notADate(field, date) : null;
    if (invalid) return invalid;
  }
  const to = given.to ?? today;
  const from = given.from ?? yearBefore(to);
  if (from > to) {
    return { field: 'from', message: `from (${from}) must not be after to (${to}${given.to ? '' : ', today'}).` };
  }
  return { from, to };
}

export const isDateProblem = (value: Period | DateProblem): value is DateProblem => 'message' in value;

/**
 * The share of answers in a period that were DECLINED (0–1, three decimals): declined
 * divided by answered (agreed or declined), counted by the day of the answer. A request
 * agreed and later adapted or withdrawn counts as agreed; one withdrawn before any answer,
 * or still waiting, is not counted. Null when nothing was answered in the period.
 */
export function declineRate(declined: number, responded: number): number | null {
  if (responded <= 0) return null;
  return Math.round((declined / responded) * 1000) / 1000;
}
