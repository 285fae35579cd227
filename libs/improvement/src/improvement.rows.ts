import { MeasureDirection } from './improvement.rules';
import {
  ImprovementActionStatus,
  ImprovementActionType,
  ImprovementReviewStatus,
  ImprovementReviewType,
  MeasureType,
  MeasureValueType,
} from './improvement.types';

/** Prefixes every column of a COLUMNS list with a table alias. */
export const qualified = (alias: string, columns: string): string =>
  columns
    .split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');

export interface MeasureRow {
  id: string;
  programme_id: string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number;
  direction: MeasureDirection;
  retired_on: string | null;
}
export const MEASURE_COLUMNS = 'id, programme_id, name, unit, baseline, target, direction, retired_on';
export const toMeasure = (r: MeasureRow): MeasureType => ({
  id: r.id,
  programmeId: r.programme_id,
  name: r.name,
  unit: r.unit,
  baseline: r.baseline,
  target: r.target,
  direction: r.direction,
  active: r.retired_on === null,
  retiredOn: r.retired_on,
});

/**
 * SQL of a review `alias`: days past its due date, until today while scheduled and until it
 * was completed once completed (0 when not past due, and for a cancelled review), counted in
 * the database's calendar, the one its dates are in.
 */
export const reviewDaysOverdue = (alias: string): string =>
  `(case when ${alias}.status = 'SCHEDULED' then greatest(0, current_date - ${alias}.due_on)
         when ${alias}.status = 'COMPLETED' and ${alias}.completed_on is not null then greatest(0, ${alias}.completed_on - ${alias}.due_on)
         else 0 end)`;

/** A review, with the database's today and its days overdue. */
export interface ReviewRow {
  id: string;
  programme_id: string;
  status: ImprovementReviewStatus;
  due_on: string;
  period_start: string | null;
  period_end: string | null;
  effectiveness_rating: number | null;
  efficiency_rating: number | null;
  findings: string | null;
  completed_on: string | null;
  completed_at: Date | null;
  completed_by_user_id: string | null;
  cancelled_on: string | null;
  today: string;
  days_overdue: number;
}
export const REVIEW_COLUMNS = `id, programme_id, status, due_on, period_start, period_end, effectiveness_rating,
  efficiency_rating, findings, completed_on, completed_at, completed_by_user_id, cancelled_on`;
/** REVIEW_COLUMNS, today and the days overdue, for a statement on improvement_review alone. */
export const REVIEW_SELECT = `${REVIEW_COLUMNS}, current_date as today, ${reviewDaysOverdue('improvement_review')} as days_overdue`;
export const toReview = (r: ReviewRow): ImprovementReviewType => ({
  id: r.id,
  programmeId: r.programme_id,
  status: r.status,
  dueOn: r.due_on,
  daysOverdue: r.days_overdue,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  effectivenessRating: r.effectiveness_rating,
  efficiencyRating: r.efficiency_rating,
  findings: r.findings,
  completedOn: r.completed_on,
  completedAt: r.completed_at,
  completedByUserId: r.completed_by_user_id,
  cancelledOn: r.cancelled_on,
});

/** A recorded value with the period of the review that recorded it. */
export interface MeasureValueRow {
  review_id: string;
  measure_id: string;
  value: number;
  target: number;
  direction: MeasureDirection;
  met: boolean;
  period_start: string;
  period_end: string;
  completed_on: string;
}
/** Columns of improvement_measure_value `v` joined with its review `r`. */
export const MEASURE_VALUE_COLUMNS = `v.review_id, v.measure_id, v.value, v.target, v.direction, v.met,
  r.period_start, r.period_end, r.completed_on`;
export const toMeasureValue = (r: MeasureValueRow): MeasureValueType => ({
  reviewId: r.review_id,
  measureId: r.measure_id,
  value: r.value,
  target: r.target,
  direction: r.direction,
  met: r.met,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  completedOn: r.completed_on,
});

/** SQL of an action `alias`: days past its due date, until today while open and until it was closed otherwise (0 when not past due). */
export const actionDaysOverdue = (alias: string): string =>
  `greatest(0, (case when ${alias}.status = 'OPEN' then current_date else coalesce(${alias}.closed_on, current_date) end) - ${alias}.due_on)`;

export interface ActionRow {
  id: string;
  programme_id: string;
  review_id: string;
  description: string;
  owner_person_id: string;
  raised_on: string;
  due_on: string;
  status: ImprovementActionStatus;
  closed_on: string | null;
  note: string | null;
  today: string;
  days_overdue: number;
}
export const ACTION_COLUMNS = 'id, programme_id, review_id, description, owner_person_id, raised_on, due_on, status, closed_on, note';
/** ACTION_COLUMNS, today and the days overdue, for a statement on improvement_action alone. */
export const ACTION_SELECT = `${ACTION_COLUMNS}, current_date as today, ${actionDaysOverdue('improvement_action')} as days_overdue`;
export const toAction = (r: ActionRow): ImprovementActionType => ({
  id: r.id,
  programmeId: r.programme_id,
  reviewId: r.review_id,
  description: r.description,
  ownerPersonId: r.owner_person_id,
  raisedOn: r.raised_on,
  dueOn: r.due_on,
  status: r.status,
  closedOn: r.closed_on,
  note: r.note,
  daysOverdue: r.days_overdue,
});
