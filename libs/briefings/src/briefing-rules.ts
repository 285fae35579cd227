/** How far inside a recipient organisation a briefing was passed on, narrowest first. */
export enum CascadeLevel {
  LEADERSHIP_ONLY = 'LEADERSHIP_ONLY',
  MANAGERS = 'MANAGERS',
  FRONT_LINE = 'FRONT_LINE',
  WHOLE_ORGANISATION = 'WHOLE_ORGANISATION',
}

/** Every cascade level, narrowest first: the order counts are listed in. */
export const CASCADE_LEVELS: readonly CascadeLevel[] = [
  CascadeLevel.LEADERSHIP_ONLY,
  CascadeLevel.MANAGERS,
  CascadeLevel.FRONT_LINE,
  CascadeLevel.WHOLE_ORGANISATION,
];

export interface CascadeCount {
  cascade: CascadeLevel;
  count: number;
}

/** The counts per cascade level, every level listed (0 when none), narrowest first. */
export function cascadeCounts(counted: Partial<Record<CascadeLevel, number>>): CascadeCount[] {
  return CASCADE_LEVELS.map((cascade) => ({ cascade, count: counted[cascade] ?? 0 }));
}

/**
 * The share of recipients that acknowledged, 0 to 1 rounded to 3 places; null when there
 * were no recipients (nothing was sent, so there is no rate to judge).
 */
export function acknowledgementRate(recipients: number, acknowledged: number): number | null {
  if (!Number.isInteger(recipients) || !Number.isInteger(acknowledged) || recipients < 0 || acknowledged < 0) {
    throw new Error(`Counts must be whole numbers from 0: ${recipients}, ${acknowledged}`);
  }
  if (acknowledged > recipients) throw new Error(`More acknowledged (${acknowledged}) than recipients (${recipients})`);
  if (recipients === 0) return null;
  return Math.round((acknowledged / recipients) * 1000) / 1000;
}

export interface AcknowledgementSummary {
  recipients: number;
  acknowledged: number;
  pending: number;
  rate: number | null;
  byCascade: CascadeCount[];
}

/** A summary from the counts the SQL made: pending, the rate and every cascade level. */
export function summarise(recipients: number, acknowledged: number, counted: Partial<Record<CascadeLevel, number>>): AcknowledgementSummary {
  return {
    recipients,
    acknowledged,
    pending: recipients - acknowledged,
    rate: acknowledgementRate(recipients, acknowledged),
    byCascade: cascadeCounts(counted),
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
}

/** What is wrong with a period of dates (both included), with the field to name; none when it is fine. */
export function periodProblem(from: string, to: string): { message: string; field: 'from' | 'to' } | null {
  if (!isCalendarDate(from)) return { message: 'from must be a real date written YYYY-MM-DD.', field: 'from' };
  if (!isCalendarDate(to)) return { message: 'to must be a real date written YYYY-MM-DD.', field: 'to' };
  if (to < from) return { message: 'to must not be before from.', field: 'to' };
  return null;
}
