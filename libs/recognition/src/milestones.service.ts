import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { AppError, badInput, conflict, notFound } from '@joinedup/errors';
import { ProgrammeReason, ProgrammeStatus, ProgrammeType, ProgrammesService } from '@joinedup/programmes';
import { DOMAIN_EVENT, EventPayload, recordEvent } from '@joinedup/events';
import { AchieveMilestoneInput, CreateMilestoneInput, MAX_MILESTONES_PER_PROGRAMME, UpdateMilestoneInput } from './recognition.inputs';
import { MILESTONE_SELECT, MilestoneRow, toMilestone } from './recognition.rows';
import { isCalendarDate } from './recognition.rules';
import { MilestoneType } from './recognition.types';
import { RecognitionReason } from './recognition.errors';

/**
 * The milestones of a programme, managed by coordinators and tenant administrators. Adding
 * one locks the programme (so the cap holds); changing one locks only the milestone (FOR NO
 * KEY UPDATE), which a recognition for it holds FOR SHARE while it is recorded, so the two
 * are serialised without either waiting on the programme. The database keeps contributors
 * to organisations taking part and achievements out of the future.
 */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A milestone of a programme the caller may see, or NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<MilestoneType> {
    const [row] = await this.db.query<MilestoneRow>(`select ${MILESTONE_SELECT} from milestone where id = $1`, [id]);
    if (!row) throw notFound('The milestone');
    await programmeOf(this.programmes, principal, row.programme_id, 'The milestone');
    return toMilestone(row);
  }

  async create(principal: Principal, input: CreateMilestoneInput): Promise<MilestoneType> {
    // Locked: milestones of one programme are added one at a time, so the cap holds.
    const programme = await this.programmes.get(principal, input.programmeId, true);
    refuseClosed(programme);
    checkDueOn(programme, input.dueOn);
    const today = await this.today();
    if (input.achievedOn !== undefined) checkAchievedOn(input.achievedOn, today);
    const [{ n }] = await this.db.query<{ n: number }>(`select count(*)::int as n from milestone where programme_id = $1`, [programme.id]);
    if (n >= MAX_MILESTONES_PER_PROGRAMME) {
      throw conflict(`${programme.name} already has ${MAX_MILESTONES_PER_PROGRAMME} milestones, the most a programme may have.`, RecognitionReason.TOO_MANY_MILESTONES);
    }
    await this.requireParticipants(programme, input.contributorIds);

    const [row] = await this.write(
      programme,
      input.name,
      `insert into milestone (tenant_id, programme_id, name, due_on, achieved_on, achieved_by_user_id, created_by_user_id)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${MILESTONE_SELECT}`,
      [
        principal.tenantId,
        programme.id,
        input.name,
        input.dueOn,
        input.achievedOn ?? null,
        input.achievedOn ? principal.userId : null,
        principal.userId,
      ],
    );
    await this.addContributors(principal, programme, row.id, input.contributorIds);
    const milestone = toMilestone(row);
    await this.audit.record({
      action: 'milestone.created',
      entityType: 'MILESTONE',
      entityId: row.id,
      after: { ...milestone, contributorIds: input.contributorIds },
    });
    await this.recordChange(programme, milestone, 'CREATED', input.contributorIds);
    if (milestone.achieved) await this.recordChange(programme, milestone, 'ACHIEVED', input.contributorIds);
    return milestone;
  }

  /** Changes the fields given; contributorIds, when given, replaces the contributors. */
  async update(principal: Principal, input: UpdateMilestoneInput): Promise<MilestoneType> {
    const { programme, before } = await this.lock(principal, input.milestoneId);
    const beforeContributors = await this.contributorIds(before.id);
    if (input.dueOn !== undefined) checkDueOn(programme, input.dueOn);
    const name = input.name ?? before.name;
    const [row] = await this.write(
      programme,
      name,
      `update milestone set name = $2, due_on = $3, updated_at = now() where id = $1 returning ${MILESTONE_SELECT}`,
      [before.id, name, input.dueOn ?? before.dueOn],
    );
    let contributors = beforeContributors;
    if (input.contributorIds) {
      const wanted = new Set(input.contributorIds);
      const kept = new Set(beforeContributors);
      const added = input.contributorIds.filter((id) => !kept.has(id));
      const removed = beforeContributors.filter((id) => !wanted.has(id));
      await this.requireParticipants(programme, added);
      if (removed.length) {
        await this.db.query(`delete from milestone_contributor where milestone_id = $1 and organisation_id = any($2::uuid[])`, [
          before.id,
          removed,
        ]);
      }
      await this.addContributors(principal, programme, before.id, added);
      contributors = await this.contributorIds(before.id);
    }
    const after = toMilestone(row);
    await this.audit.record({
      action: 'milestone.updated',
      entityType: 'MILESTONE',
      entityId: row.id,
      before: { ...before, contributorIds: beforeContributors },
      after: { ...after, contributorIds: contributors },
    });
    await this.recordChange(programme, after, 'UPDATED', contributors);
    return after;
  }

  /** Records that a milestone was achieved (today unless a date is given), or corrects the date. */
  async achieve(principal: Principal, input: AchieveMilestoneInput): Promise<MilestoneType> {
    const { programme, before, today } = await this.lock(principal, input.milestoneId);
    if (before.achievedOn && input.achievedOn === undefined) {
      throw conflict(`${before.name} was already achieved on ${before.achievedOn}; give achievedOn to correct the date.`, RecognitionReason.MILESTONE_ALREADY_ACHIEVED);
    }
    const achievedOn = input.achievedOn ?? today;
    checkAchievedOn(achievedOn, today);
    const [earliest] = await this.db.query<{ given_on: string }>(
      `select given_on from recognition where milestone_id = $1 order by given_on limit 1`,
      [before.id],
    );
    if (earliest && earliest.given_on < achievedOn) {
      throw badInput(
        `A recognition for ${before.name} was given on ${earliest.given_on}; it cannot have been achieved after that.`,
        'achievedOn',
      );
    }
    let row: MilestoneRow;
    try {
      [row] = await this.db.query<MilestoneRow>(
        `update milestone set achieved_on = $2, achieved_by_user_id = $3, updated_at = now() where id = $1 returning ${MILESTONE_SELECT}`,
        [before.id, achievedOn, principal.userId],
      );
    } catch (error) {
      if (violatedConstraint(error) === 'recognition_after_achievement') {
        throw badInput(`A recognition for ${before.name} was given before ${achievedOn}.`, 'achievedOn');
      }
      throw error;
    }
    const after = toMilestone(row);
    await this.audit.record({ action: 'milestone.achieved', entityType: 'MILESTONE', entityId: row.id, before, after });
    await this.recordChange(programme, after, 'ACHIEVED', await this.contributorIds(before.id));
    return after;
  }

  /** The milestone, locked, with its programme: NOT_FOUND if the caller may not see it. */
  private async lock(principal: Principal, id: string) {
    const [found] = await this.db.query<{ programme_id: string }>(`select programme_id from milestone where id = $1`, [id]);
    if (!found) throw notFound('The milestone');
    const programme = await programmeOf(this.programmes, principal, found.programme_id, 'The milestone');
    const [locked] = await this.db.query<MilestoneRow>(`select ${MILESTONE_SELECT} from milestone where id = $1 for no key update`, [
      id,
    ]);
    refuseClosed(programme);
    return { programme, before: toMilestone(locked), today: locked.today };
  }

  private async today(): Promise<string> {
    const [{ today }] = await this.db.query<{ today: string }>(`select current_date as today`);
    return today;
  }

  private async contributorIds(milestoneId: string): Promise<string[]> {
    const rows = await this.db.query<{ organisation_id: string }>(
      `select organisation_id from milestone_contributor where milestone_id = $1 order by organisation_id`,
      [milestoneId],
    );
    return rows.map((r) => r.organisation_id);
  }

  private async addContributors(principal: Principal, programme: ProgrammeType, milestoneId: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    try {
      await this.db.query(
        `insert into milestone_contributor (tenant_id, milestone_id, programme_id, organisation_id)
         select $1, $2, $3, unnest($4::uuid[])`,
        [principal.tenantId, milestoneId, programme.id, ids],
      );
    } catch (error) {
      if (violatedConstraint(error) === 'milestone_contributor_participant') {
        throw badInput(`Only organisations taking part in ${programme.name} can contribute to its milestones.`, 'contributorIds');
      }
      throw error;
    }
  }

  /**
   * Every organisation must take part in the programme now; those participations are
   * locked (FOR SHARE) so none ends before this transaction commits.
   */
  private async requireParticipants(programme: ProgrammeType, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await this.db.query<{ organisation_id: string }>(
      `select organisation_id from programme_participant
        where programme_id = $1 and organisation_id = any($2::uuid[]) and left_at is null for share`,
      [programme.id, ids],
    );
    const taking = new Set(rows.map((r) => r.organisation_id));
    const outsiders = ids.filter((id) => !taking.has(id));
    if (!outsiders.length) return;
    const named = await this.db.query<{ name: string }>(`select name from organisation where id = any($1::uuid[]) order by name`, [
      outsiders,
    ]);
    const names = named.length === outsiders.length ? named.map((n) => n.name).join(', ') : 'An organisation given';
    throw badInput(
      `${names} ${outsiders.length > 1 && named.length === outsiders.length ? 'do' : 'does'} not take part in ${programme.name}; only organisations taking part can contribute to its milestones.`,
      'contributorIds',
    );
  }

  private async write(programme: ProgrammeType, name: string, sql: string, parameters: unknown[]): Promise<MilestoneRow[]> {
    try {
      return await this.db.query<MilestoneRow>(sql, parameters);
    } catch (error) {
      if (violatedConstraint(error) === 'milestone_name_key') {
        throw conflict(`${programme.name} already has a milestone named "${name}".`, RecognitionReason.MILESTONE_NAME_TAKEN);
      }
      throw error;
    }
  }

  private recordChange(programme: ProgrammeType, milestone: MilestoneType, change: EventPayload<'milestoneChanged'>['change'], contributorIds: string[]) {
    return recordEvent(this.outbox, DOMAIN_EVENT.milestoneChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      milestoneId: milestone.id,
      change,
      dueOn: milestone.dueOn,
      achievedOn: milestone.achievedOn,
      contributorIds,
    });
  }
}

/** The programme of a record, or NOT_FOUND naming the record when the caller may not see it. */
export function programmeOf(
  programmes: ProgrammesService,
  principal: Principal,
  programmeId: string,
  what: string,
): Promise<ProgrammeType> {
  return programmes.get(principal, programmeId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound(what) : error;
  });
}

function refuseClosed(programme: ProgrammeType): void {
  if (programme.status === ProgrammeStatus.CLOSED) {
    throw conflict(`${programme.name} is closed; its milestones can no longer change.`, ProgrammeReason.PROGRAMME_CLOSED);
  }
}

/** A due date is a calendar date within the programme's start and end dates, when it has them. */
function checkDueOn(programme: ProgrammeType, dueOn: string): void {
  if (!isCalendarDate(dueOn)) throw badInput('dueOn is not a date in the calendar.', 'dueOn');
  if (programme.startsOn && dueOn < programme.startsOn) {
    throw badInput(`dueOn cannot be before ${programme.name} starts (${programme.startsOn}).`, 'dueOn');
  }
  if (programme.endsOn && dueOn > programme.endsOn) {
    throw badInput(`dueOn cannot be after ${programme.name} ends (${programme.endsOn}).`, 'dueOn');
  }
}

function checkAchievedOn(achievedOn: string, today: string): void {
  if (!isCalendarDate(achievedOn)) throw badInput('achievedOn is not a date in the calendar.', 'achievedOn');
  if (achievedOn > today) throw badInput(`achievedOn cannot be in the future (today is ${today}).`, 'achievedOn');
}
