import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { AppError, badInput, conflict, notFound } from '@joinedup/errors';
import { ProgrammeStatus, ProgrammeType, ProgrammesService } from '@joinedup/programmes';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { CompleteReviewInput, UpdateImprovementActionInput } from './improvement.inputs';
import { ACTION_SELECT, ActionRow, MEASURE_COLUMNS, MeasureRow, REVIEW_SELECT, ReviewRow, toAction, toReview } from './improvement.rows';
import { isCalendarDate, metTarget } from './improvement.rules';
import { ImprovementActionStatus, ImprovementActionType, ImprovementReviewStatus, ImprovementReviewType } from './improvement.types';
import { refuseClosed } from './measures.service';
import { ImprovementReason } from './improvement.errors';

/**
 * Reviews of a programme and the improvement actions they raise. Completing a review locks
 * its programme and then the review, so two completions of one review are serialised and
 * the second finds it no longer scheduled; the partial unique index on scheduled reviews
 * keeps one due review per programme whatever the code does.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A review of a programme the caller may see, or NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<ImprovementReviewType> {
    const [row] = await this.db.query<ReviewRow>(`select ${REVIEW_SELECT} from improvement_review where id = $1`, [id]);
    if (!row) throw notFound('The review');
    await this.programmeOf(principal, row.programme_id, 'The review');
    return toReview(row);
  }

  /** An improvement action of a programme the caller may see, or NOT_FOUND. */
  async getAction(principal: Principal, id: string): Promise<ImprovementActionType> {
    const [row] = await this.db.query<ActionRow>(`select ${ACTION_SELECT} from improvement_action where id = $1`, [id]);
    if (!row) throw notFound('The improvement action');
    await this.programmeOf(principal, row.programme_id, 'The improvement action');
    return toAction(row);
  }

  async complete(principal: Principal, input: CompleteReviewInput): Promise<ImprovementReviewType> {
    const [found] = await this.db.query<{ programme_id: string }>(`select programme_id from improvement_review where id = $1`, [
      input.reviewId,
    ]);
    if (!found) throw notFound('The review');
    // The programme first, then the review: the order every writer of a programme's reviews takes.
    const programme = await this.programmeOf(principal, found.programme_id, 'The review', true);
    const [locked] = await this.db.query<ReviewRow>(`select ${REVIEW_SELECT} from improvement_review where id = $1 for update`, [
      input.reviewId,
    ]);
    const review = toReview(locked);
    if (review.status === ImprovementReviewStatus.COMPLETED) {
      throw conflict(`This review of ${programme.name} was already completed on ${review.completedOn}; complete the next one instead.`, ImprovementReason.REVIEW_NOT_SCHEDULED);
    }
    if (review.status === ImprovementReviewStatus.CANCELLED) {
      throw conflict(`This review of ${programme.name} was cancelled on ${review.cancelledOn} when the programme stopped being active.`, ImprovementReason.REVIEW_NOT_SCHEDULED);
    }
    refuseClosed(programme);
    const today = locked.today;

    checkDate(input.periodStart, 'periodStart');
    checkDate(input.periodEnd, 'periodEnd');
    if (input.periodEnd < input.periodStart) throw badInput('periodEnd must not be before periodStart.', 'periodEnd');
    const values = await this.judgeValues(programme, input);
    input.actions.forEach((action, i) => {
      checkDate(action.dueOn, `actions.${i}.dueOn`);
      if (action.dueOn < today) throw badInput(`An action cannot be due before today (${today}).`, `actions.${i}.dueOn`);
    });
    await this.requireOwners(
      programme,
      input.actions.map((a, i) => ({ personId: a.ownerPersonId, field: `actions.${i}.ownerPersonId` })),
    );

    const [row] = await this.db.query<ReviewRow>(
      `update improvement_review
          set status = 'COMPLETED', period_start = $2, period_end = $3, effectiveness_rating = $4, efficiency_rating = $5,
              findings = $6, completed_on = current_date, completed_at = now(), completed_by_user_id = $7
        where id = $1 and status = 'SCHEDULED' returning ${REVIEW_SELECT}`,
      [review.id, input.periodStart, input.periodEnd, input.effectivenessRating, input.efficiencyRating, input.findings, principal.userId],
    );
    if (!row) throw conflict(`This review of ${programme.name} is no longer scheduled.`, ImprovementReason.REVIEW_NOT_SCHEDULED);
    const completed = toReview(row);

    if (values.length) {
      await this.db.query(
        `insert into improvement_measure_value (tenant_id, review_id, programme_id, measure_id, value, target, direction, met)
         select $1, $2, $3, v.measure_id, v.value, v.target, v.direction, v.met
           from unnest($4::uuid[], $5::float8[], $6::float8[], $7::text[], $8::boolean[]) as v(measure_id, value, target, direction, met)`,
        [
          principal.tenantId,
          review.id,
          programme.id,
          values.map((v) => v.measureId),
          values.map((v) => v.value),
          values.map((v) => v.target),
          values.map((v) => v.direction),
          values.map((v) => v.met),
        ],
      );
    }
    const actions = input.actions.length
      ? await this.db.query<ActionRow>(
          `insert into improvement_action (tenant_id, programme_id, review_id, description, owner_person_id, raised_on, due_on)
           select $1, $2, $3, a.description, a.owner_person_id, current_date, a.due_on
             from unnest($4::text[], $5::uuid[], $6::date[]) as a(description, owner_person_id, due_on)
           returning ${ACTION_SELECT}`,
          [
            principal.tenantId,
            programme.id,
            review.id,
            input.actions.map((a) => a.description),
            input.actions.map((a) => a.ownerPersonId),
            input.actions.map((a) => a.dueOn),
          ],
        )
      : [];

    const metCount = values.filter((v) => v.met).length;
    await this.audit.record({
      action: 'review.completed',
      entityType: 'REVIEW',
      entityId: review.id,
      before: review,
      after: { ...completed, values },
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.reviewChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      reviewId: review.id,
      change: 'COMPLETED',
      metCount,
      missedCount: values.length - metCount,
    });
    for (const action of actions.map(toAction)) {
      await this.audit.record({ action: 'improvement_action.created', entityType: 'IMPROVEMENT_ACTION', entityId: action.id, after: action });
      await this.recordActionChange(programme, action, 'CREATED');
    }
    if (programme.status === ProgrammeStatus.ACTIVE) await this.scheduleNext(principal, programme, row.completed_on!);
    return completed;
  }

  async updateAction(principal: Principal, input: UpdateImprovementActionInput): Promise<ImprovementActionType> {
    const [locked] = await this.db.query<ActionRow>(`select ${ACTION_SELECT} from improvement_action where id = $1 for update`, [
      input.actionId,
    ]);
    if (!locked) throw notFound('The improvement action');
    const programme = await this.programmeOf(principal, locked.programme_id, 'The improvement action');
    refuseClosed(programme);
    const before = toAction(locked);
    const today = locked.today;

    const status = input.status ?? before.status;
    let closedOn = before.closedOn;
    if (status === ImprovementActionStatus.OPEN) {
      if (input.closedOn != null) {
        throw badInput('closedOn is the date an action was done or dropped; give it with status DONE or DROPPED.', 'closedOn');
      }
      closedOn = null;
    } else if (input.closedOn != null || status !== before.status) {
      closedOn = input.closedOn ?? today;
      checkDate(closedOn, 'closedOn');
      if (closedOn > today) throw badInput(`closedOn cannot be in the future (today is ${today}).`, 'closedOn');
      if (closedOn < before.raisedOn) {
        throw badInput(`closedOn cannot be before the action was raised (${before.raisedOn}).`, 'closedOn');
      }
    }
    const dueOn = input.dueOn ?? before.dueOn;
    if (input.dueOn != null) {
      checkDate(input.dueOn, 'dueOn');
      if (input.dueOn < before.raisedOn) throw badInput(`dueOn cannot be before the action was raised (${before.raisedOn}).`, 'dueOn');
    }
    if (input.ownerPersonId != null && input.ownerPersonId !== before.ownerPersonId) {
      await this.requireOwners(programme, [{ personId: input.ownerPersonId, field: 'ownerPersonId' }]);
    }

    const [row] = await this.db.query<ActionRow>(
      `update improvement_action set status = $2, closed_on = $3, description = $4, owner_person_id = $5, due_on = $6, note = $7,
              updated_at = now()
        where id = $1 returning ${ACTION_SELECT}`,
      [
        before.id,
        status,
        closedOn,
        input.description ?? before.description,
        input.ownerPersonId ?? before.ownerPersonId,
        dueOn,
        input.note !== undefined ? input.note || null : before.note,
      ],
    );
    const after = toAction(row);
    await this.audit.record({ action: 'improvement_action.updated', entityType: 'IMPROVEMENT_ACTION', entityId: row.id, before, after });
    await this.recordActionChange(programme, after, 'UPDATED');
    return after;
  }

  /** The next review, due the programme's cadence after `from`. */
  private async scheduleNext(principal: Principal, programme: ProgrammeType, from: string): Promise<void> {
    let row: ReviewRow;
    try {
      [row] = await this.db.query<ReviewRow>(
        `insert into improvement_review (tenant_id, programme_id, due_on) values ($1, $2, $3::date + $4::int) returning ${REVIEW_SELECT}`,
        [principal.tenantId, programme.id, from, programme.reviewCadenceDays],
      );
    } catch (error) {
      if (violatedConstraint(error) === 'improvement_review_scheduled_key') {
        throw conflict(`${programme.name} already has a review scheduled.`, ImprovementReason.REVIEW_ALREADY_SCHEDULED);
      }
      throw error;
    }
    const next = toReview(row);
    await this.audit.record({ action: 'review.scheduled', entityType: 'REVIEW', entityId: next.id, after: next });
    await recordEvent(this.outbox, DOMAIN_EVENT.reviewChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      reviewId: next.id,
      change: 'SCHEDULED',
      dueOn: next.dueOn,
    });
  }

  /**
   * A value for each active measure and none other, each judged against its target now.
   * The measures are locked (FOR SHARE) so none is retired or changed before this commits.
   */
  private async judgeValues(programme: ProgrammeType, input: CompleteReviewInput) {
    const measures = await this.db.query<MeasureRow>(
      `select ${MEASURE_COLUMNS} from improvement_measure where programme_id = $1 and retired_on is null order by lower(name) for share`,
      [programme.id],
    );
    const byId = new Map(measures.map((m) => [m.id, m]));
    const given = new Set<string>();
    const values = input.values.map((v, i) => {
      const measure = byId.get(v.measureId);
      if (!measure) throw badInput(`That is not an active measure of ${programme.name}.`, `values.${i}.measureId`);
      if (given.has(v.measureId)) throw badInput(`${measure.name} is given more than once.`, `values.${i}.measureId`);
      given.add(v.measureId);
      return {
        measureId: measure.id,
        value: v.value,
        target: measure.target,
        direction: measure.direction,
        met: metTarget(measure.direction, measure.target, v.value),
      };
    });
    const missing = measures.filter((m) => !given.has(m.id)).map((m) => m.name);
    if (missing.length) {
      throw badInput(`A review records a value for every active measure; missing: ${missing.join(', ')}.`, 'values');
    }
    return values;
  }

  /**
   * Every person must work for an organisation taking part in the programme now; those
   * participations are locked (FOR SHARE) so none ends before this transaction commits.
   */
  private async requireOwners(programme: ProgrammeType, owners: { personId: string; field: string }[]): Promise<void> {
    if (!owners.length) return;
    const ids = [...new Set(owners.map((o) => o.personId))];
    const rows = await this.db.query<{ id: string }>(
      `select p.id from person p
         join programme_participant pp on pp.tenant_id = p.tenant_id and pp.organisation_id = p.organisation_id
        where p.id = any($1::uuid[]) and pp.programme_id = $2 and pp.left_at is null
        for share of pp`,
      [ids, programme.id],
    );
    const taking = new Set(rows.map((r) => r.id));
    const outsider = owners.find((o) => !taking.has(o.personId));
    if (!outsider) return;
    const [person] = await this.db.query<{ full_name: string }>(`select full_name from person where id = $1`, [outsider.personId]);
    throw badInput(
      `${person ? person.full_name : 'The person given'} does not work for an organisation taking part in ${programme.name}; an action's owner must.`,
      outsider.field,
    );
  }

  /** The programme of a record, or NOT_FOUND naming the record when the caller may not see it. */
  private programmeOf(principal: Principal, programmeId: string, what: string, lock = false): Promise<ProgrammeType> {
    return this.programmes.get(principal, programmeId, lock).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound(what) : error;
    });
  }

  private recordActionChange(programme: ProgrammeType, action: ImprovementActionType, change: 'CREATED' | 'UPDATED') {
    return recordEvent(this.outbox, DOMAIN_EVENT.actionChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      actionId: action.id,
      reviewId: action.reviewId,
      change,
      status: action.status,
      dueOn: action.dueOn,
    });
  }
}

function checkDate(date: string, field: string): void {
  if (!isCalendarDate(date)) throw badInput(`${field} is not a date in the calendar.`, field);
}
