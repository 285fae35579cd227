import type { ImprovementActionStatus, MeasureDirection } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { DateParts } from '../health-check-rounds/round-form';
import { FormReader } from '../manage/form-reader';

/** Which way a measure should move, as the API names it. */
export const DIRECTIONS = [
  { value: 'HIGHER_IS_BETTER', text: 'Higher is better' },
  { value: 'LOWER_IS_BETTER', text: 'Lower is better' },
] as const satisfies readonly { value: MeasureDirection; text: string }[];

export const ACTION_STATUSES = [
  { value: 'OPEN', text: 'Open' },
  { value: 'DONE', text: 'Done' },
  { value: 'DROPPED', text: 'Dropped' },
] as const satisfies readonly { value: ImprovementActionStatus; text: string }[];

/** Ratings from 1 (poor) to 5 (excellent), as the API takes them. */
export const RATINGS = ['1', '2', '3', '4', '5'].map((value) => ({
  value,
  text: value === '1' ? '1 (poor)' : value === '5' ? '5 (excellent)' : value,
}));

/** The API's bounds (libs/improvement inputs): names, units, findings, action descriptions and notes; a number's magnitude. */
export const MAX_NAME = 200;
export const MAX_UNIT = 50;
export const MAX_FINDINGS = 10000;
export const MAX_ACTION_TEXT = 2000;
export const MAX_MAGNITUDE = 1e15;

/** New actions a review can raise on one page: a fixed number of optional rows, so no JavaScript is needed. */
export const ACTION_ROWS = 3;

export interface Read<V, I> {
  values: V;
  errors: FieldError[];
  /** What to send; only when there are no errors. */
  input?: I;
}

export interface MeasureValues {
  name: string;
  unit: string;
  baseline: string;
  target: string;
  direction: string;
  /** 'yes' or 'no' on the change form only. */
  active: string;
}

export interface MeasureInput {
  name: string;
  unit: string;
  baseline: number | null;
  target: number;
  direction: MeasureDirection;
  active?: boolean;
}

/** A measure's form (adding, or changing with `withActive` for retiring or reinstating it). */
export function readMeasure(body: Record<string, unknown>, withActive = false): Read<MeasureValues, MeasureInput> {
  const form = new FormReader(body);
  const name = form.text('name', { what: 'the measure’s name', max: MAX_NAME, example: 'Referrals answered within 5 days' });
  const unit = form.text('unit', { what: 'the unit it is counted in', max: MAX_UNIT, example: '%' });
  const number = { min: -MAX_MAGNITUDE, max: MAX_MAGNITUDE };
  const baseline = form.decimal('baseline', { what: 'the baseline', required: false, ...number });
  const target = form.decimal('target', { what: 'the target', ...number });
  const direction = form.choice('direction', DIRECTIONS, 'whether higher or lower is better');
  const active = withActive ? form.yesNo('active', 'the measure takes values in reviews') : undefined;
  const values = { name, unit, baseline: form.raw('baseline', 24), target: form.raw('target', 24), direction: direction ?? '', active: form.raw('active', 3) };
  if (!form.ok) return { values, errors: form.errors };
  return { values, errors: [], input: { name, unit, baseline: baseline ?? null, target: target!, direction: direction!, ...(withActive ? { active } : {}) } };
}

/** One active measure, as the review form asks for its value. */
export interface MeasureAsked {
  id: string;
  name: string;
  unit: string;
}

export interface ActionRowValues {
  description: string;
  ownerPersonId: string;
  dueOn: DateParts;
}

export interface ReviewValues {
  periodStart: DateParts;
  periodEnd: DateParts;
  findings: string;
  effectivenessRating: string;
  efficiencyRating: string;
  /** What was typed for each measure, by measure id. */
  measureValues: Record<string, string>;
  actions: ActionRowValues[];
}

export interface ReviewInput {
  periodStart: string;
  periodEnd: string;
  findings: string;
  effectivenessRating: number;
  efficiencyRating: number;
  values: { measureId: string; value: number }[];
  actions: { description: string; ownerPersonId: string; dueOn: string }[];
  /** The form row (1-based) of each action sent, so the API's refusal of `actions.<i>` is shown beside its row. */
  actionRows: number[];
}

/** The field of a measure's value, and of an action row's parts. */
export const valueField = (measureId: string): string => `value-${measureId}`;
export const actionField = (row: number, part: 'description' | 'owner' | 'due'): string => `action${row}-${part}`;

/**
 * The review form: the period, findings, both ratings, a value for every active measure
 * (each required, a number within the API's bounds) and up to ACTION_ROWS new actions; a
 * row left wholly empty is no action, a row partly filled must be completed.
 */
export function readReview(body: Record<string, unknown>, measures: readonly MeasureAsked[]): Read<ReviewValues, ReviewInput> {
  const form = new FormReader(body);
  const periodStart = form.day('periodStart', 'the first day the review covers');
  const periodEnd = form.day('periodEnd', 'the last day the review covers');
  if (periodStart && periodEnd && periodEnd < periodStart) form.fail('periodEnd-day', 'The last day the review covers must be the same as or after the first day');
  const values = measures.map((m) => ({
    measureId: m.id,
    value: form.decimal(valueField(m.id), { what: `the value of ${m.name} (${m.unit})`, min: -MAX_MAGNITUDE, max: MAX_MAGNITUDE }),
  }));
  const effectiveness = form.choice('effectivenessRating', RATINGS, 'how effective the programme was, from 1 to 5');
  const efficiency = form.choice('efficiencyRating', RATINGS, 'how efficient the programme was, from 1 to 5');
  const findings = form.text('findings', { what: 'the review’s findings', max: MAX_FINDINGS });

  const actions: ReviewInput['actions'] = [];
  const actionRows: number[] = [];
  const rows: ActionRowValues[] = [];
  for (let row = 1; row <= ACTION_ROWS; row++) {
    const typed = {
      description: form.raw(actionField(row, 'description'), MAX_ACTION_TEXT),
      ownerPersonId: form.raw(actionField(row, 'owner'), 36),
      dueOn: form.dateParts(actionField(row, 'due')),
    };
    rows.push(typed);
    if (!typed.description && !typed.ownerPersonId && !typed.dueOn.day && !typed.dueOn.month && !typed.dueOn.year) continue;
    const description = form.text(actionField(row, 'description'), { what: `what action ${row} is`, max: MAX_ACTION_TEXT });
    const ownerPersonId = form.id(actionField(row, 'owner'), `who owns action ${row}`);
    const dueOn = form.day(actionField(row, 'due'), `the day action ${row} is due`);
    if (description && ownerPersonId && dueOn) {
      actions.push({ description, ownerPersonId, dueOn });
      actionRows.push(row);
    }
  }

  const typed: ReviewValues = {
    periodStart: form.dateParts('periodStart'),
    periodEnd: form.dateParts('periodEnd'),
    findings,
    effectivenessRating: effectiveness ?? '',
    efficiencyRating: efficiency ?? '',
    measureValues: Object.fromEntries(measures.map((m) => [m.id, form.raw(valueField(m.id), 24)])),
    actions: rows,
  };
  if (!form.ok) return { values: typed, errors: form.errors };
  return {
    values: typed,
    errors: [],
    input: {
      periodStart: periodStart!,
      periodEnd: periodEnd!,
      findings,
      effectivenessRating: Number(effectiveness),
      efficiencyRating: Number(efficiency),
      values: values.map((v) => ({ measureId: v.measureId, value: v.value! })),
      actions,
      actionRows,
    },
  };
}

/**
 * The form field an API refusal of the review names: `values.<i>.measureId` is the i-th
 * measure's value, `actions.<i>.<part>` the row that action came from.
 */
export function reviewFieldOf(field: string, input: ReviewInput): string {
  // `values` alone: a measure added meanwhile has no value (the message names it); shown at the measures.
  const value = /^values(?:\.(\d+)\.)?/.exec(field);
  const measure = value && input.values[Number(value[1] ?? 0)];
  if (measure) return `#${valueField(measure.measureId)}`;
  const action = /^actions\.(\d+)\.(\w+)$/.exec(field);
  const row = action && input.actionRows[Number(action[1])];
  if (row) {
    if (action[2] === 'dueOn') return `#${actionField(row, 'due')}-day`;
    return `#${actionField(row, action[2] === 'ownerPersonId' ? 'owner' : 'description')}`;
  }
  if (field === 'periodStart' || field === 'periodEnd') return `#${field}-day`;
  return field === 'effectivenessRating' || field === 'efficiencyRating' ? `#${field}` : '#findings';
}

export interface ActionUpdateValues {
  status: string;
  note: string;
}

/** Updating an action: its status (open, done or dropped) and a note (optional; empty clears it). */
export function readActionUpdate(body: Record<string, unknown>): Read<ActionUpdateValues, { status: ImprovementActionStatus; note: string }> {
  const form = new FormReader(body);
  const status = form.choice('status', ACTION_STATUSES, 'whether the action is open, done or dropped');
  const note = form.text('note', { what: 'the note', max: MAX_ACTION_TEXT, required: false });
  const values = { status: status ?? '', note };
  return form.ok ? { values, errors: [], input: { status: status!, note } } : { values, errors: form.errors };
}
