import type { WebImprovementQuery } from '../graphql/generated';
import { dayOf } from '../dates';
import { ACTION_STATUSES, DIRECTIONS } from './improvement-forms';

type Programme = WebImprovementQuery['programme'];
type Measure = Programme['measures'][number];
type Review = Programme['reviews']['nodes'][number];
type Action = Programme['improvementActions']['nodes'][number];

/** A GOV.UK tag: its words and colour class. */
export interface Tag {
  text: string;
  classes: string;
}

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });

/** 1200.5 → "1,200.5". */
export const numberOf = (value: number): string => NUMBER.format(value);

/** A figure with its unit: "95 per month", "45 %". */
export const amountOf = (value: number, unit: string): string => `${numberOf(value)} ${unit}`;

const late = (days: number): string => (days === 1 ? '1 day' : `${days} days`);

export interface MeasureRow {
  id: string;
  name: string;
  baseline: string;
  target: string;
  direction: string;
  latest: string;
  /** Met or missed at the latest review, or retired. */
  tag?: Tag;
}

export function measureRow(m: Measure): MeasureRow {
  const latest = m.latestValue;
  return {
    id: m.id,
    name: m.name,
    baseline: m.baseline === null ? 'None' : amountOf(m.baseline, m.unit),
    target: amountOf(m.target, m.unit),
    direction: DIRECTIONS.find((d) => d.value === m.direction)!.text,
    latest: latest ? `${amountOf(latest.value, m.unit)} (period to ${dayOf(latest.periodEnd)})` : 'No value yet',
    tag: !m.active
      ? { text: 'Retired', classes: 'govuk-tag--grey' }
      : latest
        ? latest.met
          ? { text: 'Met', classes: 'govuk-tag--green' }
          : { text: 'Missed', classes: 'govuk-tag--red' }
        : undefined,
  };
}

/** When the scheduled review is due, and how late it is. */
export function dueReviewOf(review: Programme['nextReview']): { due: string; tag?: Tag } | undefined {
  if (!review) return undefined;
  return {
    due: dayOf(review.dueOn),
    tag: review.daysOverdue > 0 ? { text: `Overdue by ${late(review.daysOverdue)}`, classes: 'govuk-tag--red' } : undefined,
  };
}

export interface ReviewRow {
  period: string;
  completed: string;
  ratings: string;
  findings: string;
}

export function reviewRow(r: Review): ReviewRow {
  return {
    period: r.periodStart && r.periodEnd ? `${dayOf(r.periodStart)} to ${dayOf(r.periodEnd)}` : '',
    completed: `${r.completedOn ? dayOf(r.completedOn) : ''} (due ${dayOf(r.dueOn)}${r.daysOverdue > 0 ? `, ${late(r.daysOverdue)} late` : ''})`,
    ratings: `Effectiveness ${r.effectivenessRating} of 5, efficiency ${r.efficiencyRating} of 5`,
    findings: r.findings ?? '',
  };
}

export interface ActionRow {
  id: string;
  description: string;
  owner: string;
  due: string;
  status: Tag;
  /** Open and past its due date. */
  overdue?: Tag;
  note: string;
}

/** The words of an action's status. */
export const actionStatusOf = (status: Action['status']): string => ACTION_STATUSES.find((s) => s.value === status)!.text;

export function actionRow(a: Action): ActionRow {
  const open = a.status === 'OPEN';
  return {
    id: a.id,
    description: a.description,
    owner: `${a.owner.fullName} (${a.owner.organisation.name})`,
    due: dayOf(a.dueOn),
    status: {
      text: open ? actionStatusOf(a.status) : `${actionStatusOf(a.status)}${a.closedOn ? ` on ${dayOf(a.closedOn)}` : ''}`,
      classes: open ? 'govuk-tag--blue' : a.status === 'DONE' ? 'govuk-tag--green' : 'govuk-tag--grey',
    },
    overdue: open && a.daysOverdue > 0 ? { text: `Overdue by ${late(a.daysOverdue)}`, classes: 'govuk-tag--red' } : undefined,
    note: a.note ?? '',
  };
}

/** The address of a list's next page (the API's cursor in `name`), when there is one. */
export function nextPageOf(path: string, name: string, pageInfo: { hasNextPage: boolean; endCursor: string | null }): string | undefined {
  return pageInfo.hasNextPage && pageInfo.endCursor ? `${path}?${name}=${encodeURIComponent(pageInfo.endCursor)}` : undefined;
}
