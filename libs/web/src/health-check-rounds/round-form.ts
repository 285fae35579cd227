import { FieldError } from '../health-check/answer-form';

/** As the API allows for a name (IsName). */
export const MAX_TITLE_LENGTH = 200;

/** As the API allows for minGroupSize (OpenSurveyRoundInput), with its default. */
export const MIN_GROUP_SIZE = { min: 3, max: 100, default: 5 } as const;

export interface RoundFormValues {
  title: string;
  opensOn: DateParts;
  closesOn: DateParts;
  /** A programme of the locality whose bodies the round asks; empty for all its member bodies. */
  programmeId: string;
  countNeutral: boolean;
  minGroupSize: string;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface ParsedRoundForm {
  values: RoundFormValues;
  errors: FieldError[];
  /** The API's input (without the locality), when there are no errors. */
  input?: { title: string; opensOn: string; closesOn: string; programmeId: string | null; countNeutral: boolean; minGroupSize: number };
}

const DATES = [
  { name: 'opensOn', what: 'the first day answers are taken' },
  { name: 'closesOn', what: 'the last day answers are taken' },
] as const;

const text = (raw: unknown, max: number): string => (typeof raw === 'string' ? raw.trim().slice(0, max) : '');

/**
 * The open-a-round form: a title and two GOV.UK date inputs (day, month, year), checked for
 * being filled in and a calendar day; then whose bodies it asks (the locality's, or one of
 * its programmes'), whether "neither agree nor disagree" counts as reporting the weakness,
 * and the smallest group shown in the breakdowns (a whole number within the API's range).
 * The API then judges the days themselves (not in the past, closing after opening) and
 * the programme (one of the locality's), and its words are shown the same way.
 */
export function parseRoundForm(body: Record<string, unknown>): ParsedRoundForm {
  const errors: FieldError[] = [];
  const rawTitle = typeof body.title === 'string' ? body.title.trim() : '';
  const title = rawTitle.slice(0, MAX_TITLE_LENGTH + 1);
  if (!title) errors.push({ href: '#title', text: 'Enter a title for the round, for example Spring 2027 health check' });
  else if (title.length > MAX_TITLE_LENGTH) errors.push({ href: '#title', text: `Enter a title of at most ${MAX_TITLE_LENGTH} characters` });

  const days: Record<string, string> = {};
  const programmeId = typeof body.programmeId === 'string' ? body.programmeId.trim().toLowerCase().slice(0, 36) : '';
  const minGroupSize = text(body.minGroupSize, 4);
  const values = { title, programmeId, countNeutral: body.countNeutral === 'yes', minGroupSize } as RoundFormValues;
  for (const date of DATES) {
    const parts = { day: text(body[`${date.name}-day`], 2), month: text(body[`${date.name}-month`], 2), year: text(body[`${date.name}-year`], 4) };
    values[date.name] = parts;
    const day = calendarDay(parts);
    if (!parts.day && !parts.month && !parts.year) errors.push({ href: `#${date.name}-day`, text: `Enter ${date.what}` });
    else if (!day) errors.push({ href: `#${date.name}-day`, text: `Enter ${date.what} as a real date, for example 27 3 2027` });
    else days[date.name] = day;
  }
  if (programmeId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(programmeId)) {
    errors.push({ href: '#programmeId', text: 'Select one of the locality’s programmes, or all its member bodies' });
  }
  const size = /^\d{1,3}$/.test(minGroupSize) ? Number(minGroupSize) : NaN;
  if (!minGroupSize) errors.push({ href: '#minGroupSize', text: `Enter the smallest group of responses shown, from ${MIN_GROUP_SIZE.min} to ${MIN_GROUP_SIZE.max}` });
  else if (!(size >= MIN_GROUP_SIZE.min && size <= MIN_GROUP_SIZE.max)) {
    errors.push({ href: '#minGroupSize', text: `Enter the smallest group as a whole number from ${MIN_GROUP_SIZE.min} to ${MIN_GROUP_SIZE.max}, for example ${MIN_GROUP_SIZE.default}` });
  }
  if (errors.length) return { values, errors };
  const input = { title, opensOn: days.opensOn, closesOn: days.closesOn, programmeId: programmeId || null, countNeutral: values.countNeutral, minGroupSize: size };
  return { values, errors, input };
}

/** YYYY-MM-DD when the parts name a day of the calendar. */
export function calendarDay({ day, month, year }: DateParts): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** Which field of the form an API refusal names (`extensions.field`), for the error summary's link. */
export function fieldOfApiError(field: unknown): string {
  if (field === 'opensOn' || field === 'closesOn') return `#${field}-day`;
  if (field === 'programmeId' || field === 'minGroupSize' || field === 'countNeutral') return `#${field}`;
  return '#title';
}
