/** The digest goes out from Monday 07:00 UTC of each ISO week. */
export const DIGEST_HOUR_UTC = 7;

/** The ISO 8601 week of a moment in UTC, as `2026-W49`. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  // The Thursday of this week decides the year the week belongs to.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The week whose digest is due at `at`: none before Monday 07:00 UTC (that week's is not due yet, last week's was sent). */
export function digestWeekDue(at: Date): string | undefined {
  const weekday = at.getUTCDay() || 7;
  if (weekday === 1 && at.getUTCHours() < DIGEST_HOUR_UTC) return undefined;
  return isoWeekOf(at);
}
