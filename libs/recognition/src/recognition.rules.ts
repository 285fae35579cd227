/** Where a recognition was made visible. */
export enum RecognitionVisibility {
  /** At the partnership (board, steering group, programme meeting). */
  PARTNERSHIP_BOARD = 'PARTNERSHIP_BOARD',
  /** Inside the credited party's own organisation: the survey's finding is about this one. */
  OWN_ORGANISATION = 'OWN_ORGANISATION',
  /** In public: press, website, awards. */
  PUBLIC = 'PUBLIC',
}

/** The stored form of where a recognition was made visible: one column each. */
export interface VisibilityFlags {
  partnershipBoard: boolean;
  ownOrganisation: boolean;
  publicly: boolean;
}

/** The flags of a list of places (each place at most once, at least one: checked by the input). */
export function visibilityFlags(places: readonly RecognitionVisibility[]): VisibilityFlags {
  return {
    partnershipBoard: places.includes(RecognitionVisibility.PARTNERSHIP_BOARD),
    ownOrganisation: places.includes(RecognitionVisibility.OWN_ORGANISATION),
    publicly: places.includes(RecognitionVisibility.PUBLIC),
  };
}

/** The places of the flags, always in the order board, own organisation, public. */
export function visibilityList(flags: VisibilityFlags): RecognitionVisibility[] {
  const places: RecognitionVisibility[] = [];
  if (flags.partnershipBoard) places.push(RecognitionVisibility.PARTNERSHIP_BOARD);
  if (flags.ownOrganisation) places.push(RecognitionVisibility.OWN_ORGANISATION);
  if (flags.publicly) places.push(RecognitionVisibility.PUBLIC);
  return places;
}

/** visibilityList in SQL, for the row `row`'s columns: the same places in the same order, as text[]. */
export const visibilityListSql = (row: string): string =>
  `array_remove(array[case when ${row}.visible_on_partnership_board then '${RecognitionVisibility.PARTNERSHIP_BOARD}' end,
                      case when ${row}.visible_in_own_organisation then '${RecognitionVisibility.OWN_ORGANISATION}' end,
                      case when ${row}.visible_publicly then '${RecognitionVisibility.PUBLIC}' end]::text[], null)`;

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

/** What is wrong with a reporting period, if anything. */
export function periodProblem(from: string, to: string): { message: string; field: 'from' | 'to' } | null {
  if (!isCalendarDate(from)) return { message: 'from is not a date in the calendar.', field: 'from' };
  if (!isCalendarDate(to)) return { message: 'to is not a date in the calendar.', field: 'to' };
  if (to < from) return { message: 'to must not be before from.', field: 'to' };
  return null;
}

/** The names of the given (non-null) fields of `values`, to check that exactly one is given. */
export function givenFields<K extends string>(values: Partial<Record<K, unknown>>, fields: readonly K[]): K[] {
  return fields.filter((f) => values[f] !== undefined && values[f] !== null);
}
