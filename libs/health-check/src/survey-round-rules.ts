import { SurveyRoundStatus } from './survey-round-status';

/** What is wrong with a request, and the input field it is about. */
export interface RoundProblem {
  message: string;
  field: string;
}

/** YYYY-MM-DD that is a real day (the input rule only checks the shape: 2026-02-31 passes it). */
export function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CLOSES_BEFORE_OPENING = 'A round cannot close before it opens.';

/** Dates of a new round: real days, closing on or after opening, and not already over (`today` is UTC). */
export function openingProblem(opensOn: string, closesOn: string, today: string): RoundProblem | null {
  for (const [field, value] of [
    ['opensOn', opensOn],
    ['closesOn', closesOn],
  ] as const) {
    if (!isRealDate(value)) return { field, message: `${field} ${value} is not a day of the calendar.` };
  }
  if (closesOn < opensOn) return { field: 'closesOn', message: CLOSES_BEFORE_OPENING };
  if (closesOn < today) {
    return { field: 'closesOn', message: `closesOn ${closesOn} is in the past: a round must close today (${today}) or later.` };
  }
  return null;
}

/** Why a round cannot be closed now, or null when it can: only an open round closes (at once). */
export function closingProblem(status: SurveyRoundStatus, closesOn: string): string | null {
  if (status === SurveyRoundStatus.SCHEDULED) return CLOSES_BEFORE_OPENING;
  if (status === SurveyRoundStatus.CLOSED) return `This round is already closed: it closed on ${closesOn}.`;
  return null;
}
