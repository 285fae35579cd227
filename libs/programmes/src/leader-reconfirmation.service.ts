import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { conflict } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { OpenLeaderReconfirmationInput } from './programme.inputs';
import {
  LEADER_COLUMNS,
  LeaderRow,
  NOMINATION_COLUMNS,
  NominationRow,
  RECONFIRMATION_COLUMNS,
  ReconfirmationRow,
  toLeader,
  toNomination,
  toReconfirmation,
} from './programme.rows';
import { NominationKind, NominationType, ProgrammeStatus, ProgrammeType, ReconfirmationOutcome } from './programme.types';
import { ProgrammesService } from './programmes.service';
import { nextReconfirmBy, reconfirmationOpensOn } from './reconfirmation';
import { ProgrammeReason } from './programmes.errors';

type Change = 'OPENED' | 'RECONFIRMED' | 'NOT_RECONFIRMED' | 'WITHDRAWN';

/**
 * Re-confirmation of a programme's agreed leader: a nomination of kind RECONFIRMATION
 * that names the current leader and is endorsed like any other. Agreed, the same leader
 * stays and `reconfirm_by` moves on by the programme's leader term; opposed beyond the
 * agreement rule, it closes NOT_RECONFIRMED and the leader stays until a successor is
 * agreed or they step down. Each decision is kept in `leader_reconfirmation`.
 *
 * Locks are taken nomination first, then leader (as endorsing and stepping down do), so
 * concurrent changes to one programme's leadership queue rather than deadlock.
 */
@Injectable()
export class LeaderReconfirmationService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async open(principal: Principal, input: OpenLeaderReconfirmationInput): Promise<NominationType> {
    const programme = await this.programmes.get(principal, input.programmeId, true);
    if (programme.status === ProgrammeStatus.CLOSED) throw conflict(`${programme.name} is closed.`, ProgrammeReason.PROGRAMME_CLOSED);
    const [leader] = await this.db.query<LeaderRow & { today: string }>(
      `select ${LEADER_COLUMNS}, current_date::text as today from programme_leader
        where programme_id = $1 and stepped_down_at is null for update`,
      [programme.id],
    );
    if (!leader) {
      throw conflict(`${programme.name} has no agreed leader to re-confirm; nominate a leader instead.`, ProgrammeReason.NO_AGREED_LEADER);
    }
    const opensOn = reconfirmationOpensOn(leader.reconfirm_by, programme.leaderTermMonths);
    if (leader.today < opensOn) {
      throw conflict(
        `The leader of ${programme.name} is re-confirmed until ${leader.reconfirm_by}; ` +
          `a re-confirmation can be opened from ${opensOn}, one leader term before it is due.`,
      );
    }
    try {
      const [row] = await this.db.query<NominationRow>(
        `insert into leader_nomination (tenant_id, programme_id, person_id, kind, leader_id, nominated_by_user_id)
         values ($1, $2, $3, 'RECONFIRMATION', $4, $5) returning ${NOMINATION_COLUMNS}`,
        [principal.tenantId, programme.id, leader.person_id, leader.id, principal.userId],
      );
      const nomination = toNomination(row);
      await this.audit.record({ action: 'nomination.created', entityType: 'NOMINATION', entityId: row.id, after: nomination });
      await this.recordEvent(programme, nomination, 'OPENED', leader.reconfirm_by);
      return nomination;
    } catch (error) {
      if (violatedConstraint(error) === 'leader_nomination_open_key') {
        throw conflict(`${programme.name} already has an open nomination; it must be decided or withdrawn first.`, ProgrammeReason.NOMINATION_ALREADY_OPEN);
      }
      throw error;
    }
  }

  /**
   * Decides a locked, open re-confirmation whose tally met the rule (RECONFIRMED) or can no
   * longer meet it (NOT_RECONFIRMED).
   */
  async decide(programme: ProgrammeType, nomination: NominationType, outcome: ReconfirmationOutcome): Promise<NominationType> {
    const [leader] = await this.db.query<LeaderRow & { today: string }>(
      `select ${LEADER_COLUMNS}, current_date::text as today from programme_leader
        where id = $1 and stepped_down_at is null for update`,
      [nomination.leaderId],
    );
    // Stepping down withdraws an open re-confirmation, so this is only a safeguard.
    if (!leader) throw conflict(`The leader this nomination re-confirms no longer leads ${programme.name}.`);
    const reconfirmed = outcome === ReconfirmationOutcome.RECONFIRMED;
    const next = reconfirmed ? nextReconfirmBy(leader.reconfirm_by, leader.today, programme.leaderTermMonths) : null;

    const [decided] = await this.db.query<NominationRow>(
      `update leader_nomination set status = $2, decided_at = now() where id = $1 returning ${NOMINATION_COLUMNS}`,
      [nomination.id, reconfirmed ? 'AGREED' : 'NOT_RECONFIRMED'],
    );
    const [history] = await this.db.query<ReconfirmationRow>(
      `insert into leader_reconfirmation (tenant_id, leader_id, nomination_id, outcome, due_on, decided_at, reconfirmed_at,
                                          next_reconfirm_by)
       select tenant_id, $1, id, $2, $3, decided_at, case when $2 = 'RECONFIRMED' then decided_at end, $4
         from leader_nomination where id = $5
       returning ${RECONFIRMATION_COLUMNS}`,
      [leader.id, outcome, leader.reconfirm_by, next, nomination.id],
    );
    let after = toLeader(leader);
    if (next) {
      const [moved] = await this.db.query<LeaderRow>(
        `update programme_leader set reconfirm_by = $2 where id = $1 returning ${LEADER_COLUMNS}`,
        [leader.id, next],
      );
      after = toLeader(moved);
    }
    await this.audit.record({
      action: reconfirmed ? 'leader.reconfirmed' : 'leader.not_reconfirmed',
      entityType: 'PROGRAMME',
      entityId: programme.id,
      before: toLeader(leader),
      after: { ...after, reconfirmation: toReconfirmation(history) },
    });
    const result = toNomination(decided);
    await this.recordEvent(programme, result, reconfirmed ? 'RECONFIRMED' : 'NOT_RECONFIRMED', after.reconfirmBy);
    return result;
  }

  /**
   * Withdraws the programme's open re-confirmation, if any, as its leader steps down; the
   * programme must be locked by the caller.
   */
  async withdrawOpen(programme: ProgrammeType): Promise<void> {
    const [row] = await this.db.query<NominationRow>(
      `update leader_nomination set status = 'WITHDRAWN', decided_at = now()
        where programme_id = $1 and status = 'OPEN' and kind = 'RECONFIRMATION' returning ${NOMINATION_COLUMNS}`,
      [programme.id],
    );
    if (!row) return;
    const after = toNomination(row);
    await this.audit.record({
      action: 'nomination.withdrawn',
      entityType: 'NOMINATION',
      entityId: row.id,
      before: { ...after, status: 'OPEN', decidedAt: null },
      after,
    });
    await this.recordWithdrawn(programme, after);
  }

  /** The outbox event of a withdrawn re-confirmation. */
  async recordWithdrawn(programme: ProgrammeType, nomination: NominationType): Promise<void> {
    const [leader] = await this.db.query<{ reconfirm_by: string }>(`select reconfirm_by from programme_leader where id = $1`, [
      nomination.leaderId,
    ]);
    await this.recordEvent(programme, nomination, 'WITHDRAWN', leader.reconfirm_by);
  }

  private recordEvent(programme: ProgrammeType, nomination: NominationType, change: Change, reconfirmBy: string) {
    if (nomination.kind !== NominationKind.RECONFIRMATION || !nomination.leaderId) {
      throw new Error(`Nomination ${nomination.id} is not a re-confirmation`);
    }
    return recordEvent(this.outbox, DOMAIN_EVENT.reconfirmationChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      nominationId: nomination.id,
      leaderId: nomination.leaderId,
      personId: nomination.personId,
      change,
      reconfirmBy,
    });
  }
}
