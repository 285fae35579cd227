import { metTarget } from '@joinedup/improvement';
import { DemoContext } from './demo-context';
import { DEMO_IMPROVEMENT, DemoImprovement, DemoReview } from './demo-improvement.data';
import { programmeByName } from './demo-programmes.data';

/** Measures, completed reviews with their values and actions, and the review after them. */
export async function loadImprovement(ctx: DemoContext): Promise<void> {
  for (const improvement of DEMO_IMPROVEMENT) await loadProgrammeImprovement(ctx, improvement);
}

async function loadProgrammeImprovement(ctx: DemoContext, improvement: DemoImprovement): Promise<void> {
  const programme = ctx.programme(improvement.programme);
  const measureIds = new Map<string, string>();
  for (const measure of improvement.measures) {
    const { id } = await ctx.findOrInsert(
      'improvement_measure',
      [
        `select id from improvement_measure where tenant_id = $1 and programme_id = $2 and lower(name) = lower($3)`,
        [ctx.tenantId, programme.id, measure.name],
      ],
      [
        `insert into improvement_measure (tenant_id, programme_id, name, unit, baseline, target, direction, retired_on, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [
          ctx.tenantId,
          programme.id,
          measure.name,
          measure.unit,
          measure.baseline,
          measure.target,
          measure.direction,
          measure.retiredOn === undefined ? null : ctx.date(measure.retiredOn),
          ctx.at(measure.createdOn),
          ctx.at(measure.retiredOn ?? measure.createdOn),
        ],
      ],
    );
    measureIds.set(measure.name, id);
  }

  const [reviewed] = await ctx.query(
    `select 1 from improvement_review where tenant_id = $1 and programme_id = $2 and status <> 'SCHEDULED' limit 1`,
    [ctx.tenantId, programme.id],
  );
  if (reviewed) return;
  let scheduledOn = programmeByName(improvement.programme).startsOn;
  for (const review of improvement.reviews) {
    await loadReview(ctx, programme.id, improvement, review, measureIds, scheduledOn);
    scheduledOn = review.completedOn;
  }
  if (improvement.next.cancelledOn !== undefined) {
    await ctx.insert(
      'improvement_review',
      `insert into improvement_review (tenant_id, programme_id, status, due_on, scheduled_at, cancelled_on)
       values ($1, $2, 'CANCELLED', $3, $4, $5)`,
      [ctx.tenantId, programme.id, ctx.date(improvement.next.dueOn), ctx.at(scheduledOn), ctx.date(improvement.next.cancelledOn)],
    );
    return;
  }
  // Activating the programme scheduled its first review; it is the one after the last completed.
  const moved = await ctx.query(
    `update improvement_review set due_on = $3, scheduled_at = $4
      where tenant_id = $1 and programme_id = $2 and status = 'SCHEDULED' returning id`,
    [ctx.tenantId, programme.id, ctx.date(improvement.next.dueOn), ctx.at(scheduledOn)],
  );
  if (moved.length) return;
  await ctx.insert(
    'improvement_review',
    `insert into improvement_review (tenant_id, programme_id, due_on, scheduled_at) values ($1, $2, $3, $4)`,
    [ctx.tenantId, programme.id, ctx.date(improvement.next.dueOn), ctx.at(scheduledOn)],
  );
}

async function loadReview(
  ctx: DemoContext,
  programmeId: string,
  improvement: DemoImprovement,
  review: DemoReview,
  measureIds: Map<string, string>,
  scheduledOn: number,
): Promise<void> {
  const { id } = await ctx.insert(
    'improvement_review',
    `insert into improvement_review (tenant_id, programme_id, status, due_on, scheduled_at, period_start, period_end,
                                     effectiveness_rating, efficiency_rating, findings, completed_on, completed_at,
                                     completed_by_user_id)
     values ($1, $2, 'COMPLETED', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      ctx.tenantId,
      programmeId,
      ctx.date(review.dueOn),
      ctx.at(scheduledOn),
      ctx.date(review.periodStart),
      ctx.date(review.periodEnd),
      review.effectivenessRating,
      review.efficiencyRating,
      review.findings,
      ctx.date(review.completedOn),
      ctx.at(review.completedOn),
      ctx.staff('reviewer'),
    ],
  );
  // The target and direction are copied from the measure, and whether it was met judged, as on completion.
  for (const [name, value] of Object.entries(review.values)) {
    const { target, direction } = improvement.measures.find((m) => m.name === name)!;
    await ctx.insert(
      'improvement_measure_value',
      `insert into improvement_measure_value (tenant_id, review_id, measure_id, programme_id, value, target, direction, met)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [ctx.tenantId, id, measureIds.get(name), programmeId, value, target, direction, metTarget(direction, target, value)],
    );
  }
  for (const action of review.actions) {
    await ctx.insert(
      'improvement_action',
      `insert into improvement_action (tenant_id, programme_id, review_id, description, owner_person_id, raised_on, due_on, status,
                                       closed_on, note, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        ctx.tenantId,
        programmeId,
        id,
        action.description,
        ctx.person(action.owner),
        ctx.date(review.completedOn),
        ctx.date(action.dueOn),
        action.status,
        action.closedOn === undefined ? null : ctx.date(action.closedOn),
        action.note ?? null,
        ctx.at(review.completedOn),
        ctx.at(action.closedOn ?? review.completedOn),
      ],
    );
  }
}
