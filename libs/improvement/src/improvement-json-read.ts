import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, column, cursorArg, dateTimeColumn, pageSizeArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { localityAccessParam } from '@joinedup/registry';
import { ImprovementActionResolver, ImprovementReviewResolver, MAX_COMPLETED_REVIEWS } from './improvement.resolvers';
import { ACTION_SELECT, MEASURE_VALUE_COLUMNS, REVIEW_SELECT, actionDaysOverdue, reviewDaysOverdue, toAction, toMeasure, toMeasureValue, toReview } from './improvement.rows';
import { isCalendarDate } from './improvement.rules';
import { CURRENT_MEASURES } from './setup-progress.resolver';

/** `after` of a list whose cursor starts with a date (the loaders refuse any other as BAD_USER_INPUT). */
const datedCursor = (parts: Parameters<typeof cursorArg>[0]): ArgRule => {
  const rule = cursorArg(parts);
  return (value) => {
    const bound = rule(value);
    return bound && (bound.value === null || isCalendarDate((bound.value as string[])[0])) ? bound : null;
  };
};

const booleanArg: ArgRule = (value) => (typeof value === 'boolean' ? { value } : null);
const completedReviewsArg: ArgRule = (value) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_COMPLETED_REVIEWS ? { value } : null;

/** In a statement on a programme: the same-tenant rows of `table` that belong to programme `row`. */
const ofProgramme = (table: string, row: string, child: string) =>
  `from ${table} ${child} where ${child}.tenant_id = ${row}.tenant_id and ${child}.programme_id = ${row}.id`;

/** A recorded value `v` with the period of the review `r` that recorded it (MEASURE_VALUE_COLUMNS' source). */
const MEASURE_VALUES = `improvement_measure_value v join improvement_review r on r.tenant_id = v.tenant_id and r.id = v.review_id`;

/** Actions with the today and days overdue their mapper (toAction) reads (and created_at, an order), as a table for a FROM clause. */
const ACTIONS = `(select tenant_id, created_at, ${ACTION_SELECT} from improvement_action)`;

/** Reviews with the today and days overdue their mapper (toReview) reads, as a table for a FROM clause. */
const REVIEWS = `(select tenant_id, ${REVIEW_SELECT} from improvement_review)`;

/**
 * The improvement part of JsonReads: `improvementReview(id)`, `improvementAction(id)`, a
 * programme's measures, reviews and actions, each in the order of ImprovementLoaders, with
 * the days overdue of reviewDaysOverdue/actionDaysOverdue (the SQL the loaders read too).
 * A measure's `trend` (movement and counts, trendOf in TypeScript) is executed.
 */
@Injectable()
export class ImprovementJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where the rows of measures, their values and reviews live: their relations below are executed by these descriptions too.
    this.reads.addRows('Measure', { table: 'improvement_measure', fromRow: toMeasure });
    this.reads.addRows('MeasureValue', { table: `(select v.tenant_id, ${MEASURE_VALUE_COLUMNS} from ${MEASURE_VALUES})`, fromRow: toMeasureValue });
    this.reads.addRows('ImprovementAction', { table: ACTIONS, fromRow: toAction });
    this.reads.addRows('ImprovementReview', { table: REVIEWS, fromRow: toReview });
    const trend = 'trendOf (improvement.rules.ts) counts and compares the values in TypeScript';
    this.reads.leaveExecuted('Measure', trend, ['trend']);
    this.reads.leaveExecuted('MeasureTrend', trend);
    const readable = (alias: string, caller: string) =>
      `exists (select 1 from programme p where p.tenant_id = ${alias}.tenant_id and p.id = ${alias}.programme_id and ${readableProgramme('p', caller)})`;
    this.reads.addFields('Query', {
      improvementReview: {
        roles: rolesOf(ImprovementReviewResolver.prototype.improvementReview),
        args: { id: uuidArg },
        // As ReviewsService.get: a review of a programme the caller may see.
        one: (_row, r, scope) => `from improvement_review ${r} where ${r}.id = ${scope.arg('id')}::uuid and ${readable(r, scope.caller(localityAccessParam))}`,
      },
      improvementAction: {
        roles: rolesOf(ImprovementActionResolver.prototype.improvementAction),
        args: { id: uuidArg },
        one: (_row, a, scope) => `from improvement_action ${a} where ${a}.id = ${scope.arg('id')}::uuid and ${readable(a, scope.caller(localityAccessParam))}`,
      },
    });
    this.reads.addFields('SetupProgress', { measures: { value: () => CURRENT_MEASURES } });
    this.reads.addFields('Programme', {
      measures: {
        args: { includeRetired: booleanArg },
        many: (row, m, scope) => `${ofProgramme('improvement_measure', row, m)} and (${scope.arg('includeRetired')}::boolean or ${m}.retired_on is null)`,
        orderBy: (m) => `${m}.retired_on nulls first, lower(${m}.name), ${m}.id`,
      },
      nextReview: { one: (row, r) => `${ofProgramme(REVIEWS, row, r)} and ${r}.status = 'SCHEDULED'` },
      completedReviews: {
        args: { first: completedReviewsArg },
        many: (row, r, scope) =>
          `from (select * from ${REVIEWS} r where tenant_id = ${row}.tenant_id and programme_id = ${row}.id and status = 'COMPLETED'
                  order by completed_on desc, completed_at desc, id limit ${scope.arg('first')}::int) ${r}`,
        orderBy: (r) => `${r}.completed_on desc, ${r}.completed_at desc, ${r}.id`,
      },
      reviews: {
        args: { first: pageSizeArg, after: datedCursor(['text', 'timestamp', 'uuid']) },
        page: (row, r, scope) => {
          const after = scope.arg('after');
          return `${ofProgramme('improvement_review', row, r)} and ${r}.status = 'COMPLETED'
                    and (${after}::text[] is null or (${r}.completed_on, ${r}.completed_at, ${r}.id) < (${after}[1]::date, ${after}[2]::timestamptz, ${after}[3]::uuid))`;
        },
        orderBy: (r) => `${r}.completed_on desc, ${r}.completed_at desc, ${r}.id desc`,
        cursor: (r) => [`${r}.completed_on`, `${r}.completed_at`, `${r}.id`],
      },
      improvementActions: {
        args: { first: pageSizeArg, after: datedCursor(['text', 'uuid']) },
        page: (row, a, scope) => {
          const after = scope.arg('after');
          return `${ofProgramme('improvement_action', row, a)} and (${after}::text[] is null or (${a}.due_on, ${a}.id) > (${after}[1]::date, ${after}[2]::uuid))`;
        },
        orderBy: (a) => `${a}.due_on, ${a}.id`,
        cursor: (a) => [`${a}.due_on`, `${a}.id`],
      },
      openActions: {
        many: (row, a) => `${ofProgramme(ACTIONS, row, a)} and ${a}.status = 'OPEN'`,
        orderBy: (a) => `${a}.due_on, ${a}.created_at, ${a}.id`,
      },
    });
    this.reads.addFields('Measure', {
      id: column('id'),
      name: column('name'),
      unit: column('unit'),
      baseline: column('baseline'),
      target: column('target'),
      direction: column('direction'),
      active: { value: (row) => `${row}.retired_on is null` },
      retiredOn: column('retired_on'),
      // The value of the latest review that recorded it (the last of ImprovementLoaders.trend).
      latestValue: {
        one: (row, v) => `from (select v.tenant_id, ${MEASURE_VALUE_COLUMNS} from ${MEASURE_VALUES}
                                 where v.tenant_id = ${row}.tenant_id and v.measure_id = ${row}.id
                                 order by r.period_end desc, r.completed_at desc limit 1) ${v}`,
      },
    });
    this.reads.addFields('MeasureValue', {
      reviewId: column('review_id'),
      value: column('value'),
      target: column('target'),
      direction: column('direction'),
      met: column('met'),
      periodStart: column('period_start'),
      periodEnd: column('period_end'),
      completedOn: column('completed_on'),
      measure: rowById('improvement_measure', 'measure_id'),
    });
    this.reads.addFields('ImprovementReview', {
      id: column('id'),
      status: column('status'),
      dueOn: column('due_on'),
      daysOverdue: { value: reviewDaysOverdue },
      periodStart: column('period_start'),
      periodEnd: column('period_end'),
      effectivenessRating: column('effectiveness_rating'),
      efficiencyRating: column('efficiency_rating'),
      findings: column('findings'),
      completedOn: column('completed_on'),
      completedAt: dateTimeColumn('completed_at'),
      completedByUserId: column('completed_by_user_id'),
      cancelledOn: column('cancelled_on'),
      programme: rowById('programme', 'programme_id'),
      values: {
        many: (row, v) => `from (select v.tenant_id, ${MEASURE_VALUE_COLUMNS}, lower(m.name) as measure_key, m.id as measure_order from ${MEASURE_VALUES}
                                  join improvement_measure m on m.tenant_id = v.tenant_id and m.id = v.measure_id
                                  where v.tenant_id = ${row}.tenant_id and v.review_id = ${row}.id) ${v}`,
        orderBy: (v) => `${v}.measure_key, ${v}.measure_order`,
      },
      actions: {
        many: (row, a) => `from ${ACTIONS} ${a} where ${a}.tenant_id = ${row}.tenant_id and ${a}.review_id = ${row}.id`,
        orderBy: (a) => `${a}.due_on, lower(${a}.description), ${a}.id`,
      },
    });
    this.reads.addFields('ImprovementAction', {
      id: column('id'),
      reviewId: column('review_id'),
      description: column('description'),
      raisedOn: column('raised_on'),
      dueOn: column('due_on'),
      status: column('status'),
      closedOn: column('closed_on'),
      note: column('note'),
      daysOverdue: { value: actionDaysOverdue },
      owner: rowById('person', 'owner_person_id'),
      review: rowById('improvement_review', 'review_id'),
    });
  }
}
