/** Which way a measure should move. */
export enum MeasureDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}

/** How a measure moved between its last two reviews. */
export enum TrendMovement {
  IMPROVING = 'IMPROVING',
  WORSENING = 'WORSENING',
  STEADY = 'STEADY',
  /** Fewer than two reviews have recorded it. */
  NOT_ENOUGH_DATA = 'NOT_ENOUGH_DATA',
}

/**
 * Whether a value met its target: at or above it when higher is better, at or below it
 * when lower is better. The database checks every stored value against the same rule.
 */
export function metTarget(direction: MeasureDirection, target: number, value: number): boolean {
  return direction === MeasureDirection.HIGHER_IS_BETTER ? value >= target : value <= target;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null if it is no real calendar date (2025-02-30). */
function dayNumber(date: string): number | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return time / DAY_MS;
}

/** Whether `date` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  return dayNumber(date) !== null;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [dayNumber(from), dayNumber(to)];
  if (a === null || b === null) throw new Error(`Not a calendar date: ${a === null ? from : to}`);
  return b - a;
}

/** How many of a measure's latest values its trend shows. */
export const TREND_LENGTH = 5;

export interface TrendPoint {
  value: number;
  met: boolean;
}

export interface Trend {
  metCount: number;
  missedCount: number;
  movement: TrendMovement;
}

/**
 * The trend of a measure over its recorded values, oldest first: how many met their
 * target, and whether the latest moved the right way from the one before.
 */
export function trendOf(direction: MeasureDirection, points: readonly TrendPoint[]): Trend {
  const metCount = points.filter((p) => p.met).length;
  return { metCount, missedCount: points.length - metCount, movement: movementOf(direction, points) };
}

function movementOf(direction: MeasureDirection, points: readonly TrendPoint[]): TrendMovement {
  if (points.length < 2) return TrendMovement.NOT_ENOUGH_DATA;
  const change = points[points.length - 1].value - points[points.length - 2].value;
  if (change === 0) return TrendMovement.STEADY;
  const better = direction === MeasureDirection.HIGHER_IS_BETTER ? change > 0 : change < 0;
  return better ? TrendMovement.IMPROVING : TrendMovement.WORSENING;
}
