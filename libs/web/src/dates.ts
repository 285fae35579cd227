/** Dates and instants as GOV.UK writes them, in UTC (the API's days are UTC days). */

// Formatters made once: toLocaleDateString with options builds one per call, which cost a
// tenth of a form page's rendering for its one date.
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hour12: false });

/** 'YYYY-MM-DD' → 12 December 2026. */
export function dayOf(iso: string): string {
  return DAY.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** 'YYYY-MM-DD…' → Dec 2026 (a month end's column heading). */
export function monthOf(iso: string): string {
  return new Date(`${iso.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** An instant → 12 December 2026 at 14:05 (UTC). */
export function instantOf(iso: string | Date): string {
  const at = new Date(iso);
  return `${DAY.format(at)} at ${TIME.format(at)} UTC`;
}

/** Whole days from `iso` to `now`, never below 0 ("raised 3 days ago"). */
export function daysSince(iso: string | Date, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

/** "today", "1 day", "12 days". */
export function ageOf(days: number): string {
  return days === 0 ? 'less than a day' : days === 1 ? '1 day' : `${days} days`;
}

/** An API enum value in words: IN_RESOLUTION → In resolution. */
export function words(value: string | null | undefined): string {
  if (!value) return '';
  const text = value.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
