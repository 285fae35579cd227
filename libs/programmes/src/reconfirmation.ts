/** Dates of a leader's re-confirmation; every date is a calendar day 'YYYY-MM-DD'. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day `months` calendar months after (or before, when negative) `day`, kept to the
 * last day of a shorter month, as PostgreSQL's `date + interval 'n months'` does
 * (2026-01-31 plus one month is 2026-02-28).
 */
export function addMonths(day: string, months: number): string {
  const match = DAY.exec(day);
  if (!match || Number(match[1]) < 1000 || !Number.isInteger(months)) throw new RangeError(`Not a calendar day and a whole number of months: ${day}, ${months}`);
  const monthIndex = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(Number(match[3]), lastDay)));
  return date.toISOString().slice(0, 10);
}

/**
 * When a leader re-confirmed on `decidedOn` is next due: one term after the date this
 * re-confirmation was due, or after the day it happened when that was later, so an early
 * re-confirmation keeps the leader's schedule and a late one still gives a full term.
 */
export function nextReconfirmBy(dueOn: string, decidedOn: string, termMonths: number): string {
  return addMonths(dueOn > decidedOn ? dueOn : decidedOn, termMonths);
}

/**
 * The first day a re-confirmation of a leader due by `reconfirmBy` may be opened: one term
 * before it is due. A newly agreed leader can be put to re-confirmation at once, but a
 * leader already re-confirmed ahead of time cannot be pushed a further term out.
 */
export function reconfirmationOpensOn(reconfirmBy: string, termMonths: number): string {
  return addMonths(reconfirmBy, -termMonths);
}
