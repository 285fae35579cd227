import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { badInput } from '@joinedup/errors';
import { Connection, PageArgs, decodeCursor, groupBy, requestLoader, toConnection } from '@joinedup/graphql-kit';
import {
  ACTION_SELECT,
  ActionRow,
  MEASURE_VALUE_COLUMNS,
  MeasureValueRow,
  REVIEW_SELECT,
  ReviewRow,
  toAction,
  toMeasureValue,
  toReview,
} from './improvement.rows';
import { TREND_LENGTH, isCalendarDate } from './improvement.rules';
import { ImprovementActionType, ImprovementReviewType, MeasureValueType } from './improvement.types';

/**
 * Per-request batch loaders of measures, reviews and actions: one statement per list level.
 * A programme's measures, next review, completed reviews and open actions, a measure's latest
 * value, a review's values and actions, and records by id are executed by their descriptions
 * (ImprovementJsonRead, DescribedLoaders). What stays: the pages of a programme's reviews and
 * actions (connections) and a measure's trend (trendOf in TypeScript).
 */
@Injectable()
export class ImprovementLoaders {
  constructor(private readonly db: TenantDb) {}

  /** The last TREND_LENGTH values of each measure, oldest first. */
  trend(): DataLoader<string, MeasureValueType[]> {
    return requestLoader('improvement.trend', async (ids) => {
      const rows = await this.db.query<MeasureValueRow>(
        `select * from (
           select ${MEASURE_VALUE_COLUMNS},
                  row_number() over (partition by v.measure_id order by r.period_end desc, r.completed_at desc) as recent
             from improvement_measure_value v
             join improvement_review r on r.tenant_id = v.tenant_id and r.id = v.review_id
            where v.measure_id = any($1::uuid[])
         ) latest
         where recent <= $2
         order by measure_id, recent desc`,
        [ids, TREND_LENGTH],
      );
      return groupBy(ids, rows, (r) => r.measure_id).map((group) => group.map(toMeasureValue));
    });
  }

  /** A page of each programme's completed reviews, newest first: one statement whatever the number of programmes. */
  reviewPages(page: PageArgs): DataLoader<string, Connection<ImprovementReviewType>> {
    return requestLoader(`improvement.reviewPages.${page.first}.${page.after ?? ''}`, async (ids) => {
      const after = decodeCursor(page.after, ['text', 'timestamp', 'uuid']);
      if (after && !isCalendarDate(after[0])) throw badInput('The cursor is not one this list gave out.', 'after');
      const rows = await this.db.query<ReviewRow & { completed_key: string }>(
        `select * from (
           select ${REVIEW_SELECT}, completed_at::text as completed_key,
                  row_number() over (partition by programme_id order by completed_on desc, completed_at desc, id desc) as row_in_key
             from improvement_review
            where programme_id = any($1::uuid[]) and status = 'COMPLETED'
              and ($2::date is null or (completed_on, completed_at, id) < ($2::date, $3::timestamptz, $4::uuid))
         ) page
         where row_in_key <= $5
         order by programme_id, row_in_key`,
        [ids, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, page.first + 1],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) =>
        toConnection(group, page.first, (r) => [r.completed_on!, r.completed_key, r.id], toReview),
      );
    });
  }

  /** A page of each programme's actions, whatever their status, the earliest due first. */
  actionPages(page: PageArgs): DataLoader<string, Connection<ImprovementActionType>> {
    return requestLoader(`improvement.actionPages.${page.first}.${page.after ?? ''}`, async (ids) => {
      const after = decodeCursor(page.after, ['text', 'uuid']);
      if (after && !isCalendarDate(after[0])) throw badInput('The cursor is not one this list gave out.', 'after');
      const rows = await this.db.query<ActionRow>(
        `select * from (
           select ${ACTION_SELECT}, row_number() over (partition by programme_id order by due_on, id) as row_in_key
             from improvement_action
            where programme_id = any($1::uuid[])
              and ($2::date is null or (due_on, id) > ($2::date, $3::uuid))
         ) page
         where row_in_key <= $4
         order by programme_id, row_in_key`,
        [ids, after?.[0] ?? null, after?.[1] ?? null, page.first + 1],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) => toConnection(group, page.first, (r) => [r.due_on, r.id], toAction));
    });
  }
}
