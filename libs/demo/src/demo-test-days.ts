const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days the demo could be seeded on, for the data specs: a year of Wednesdays and the
 * month ends, so checks that count in calendar months hold whatever the day of seeding.
 */
export function demoDays(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(2026, 0, 7); t < Date.UTC(2027, 0, 7); t += 7 * DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  for (let month = 0; month < 12; month++) days.push(new Date(Date.UTC(2026, month + 1, 0)).toISOString().slice(0, 10));
  return days;
}

/** The calendar day `offset` days from `today` (YYYY-MM-DD), as the loader's date() gives it. */
export function seedDay(today: string, offset: number): string {
  return new Date(Date.parse(`${today}T12:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
}
