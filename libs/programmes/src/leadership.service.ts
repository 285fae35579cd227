import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { AppError, badInput, conflict, forbidden, notFound } from '@joinedup/errors';
import { ownBodyName, ownBodyOnly, PeopleService } from '@joinedup/registry';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { EndorsementPosition, isAgreed, isOpposedBeyondRule, tally } from './agreement';
import { LeaderReconfirmationService } from './leader-reconfirmation.service';
import { EndorseNominationInput, NominateLeaderInput, StepDownLeaderInput } from './programme.inputs';
import {
  ENDORSEMENT_COLUMNS,
  EndorsementRow,
  LEADER_COLUMNS,
  LeaderRow,
  NOMINATION_COLUMNS,
  NominationRow,
  toEndorsement,
  toLeader,
  toNomination,
} from './programme.rows';
import {
  NominationKind,
  NominationStatus,
  NominationType,
  ProgrammeLeaderType,
  ProgrammeStatus,
  ProgrammeType,
  ReconfirmationOutcome,
} from './programme.types';
import { ProgrammesService } from './programmes.service';
import { ProgrammeReason } from './programmes.errors';

const MANAGERS = [Role.TENANT_ADMIN, Role.COORDINATOR];

/** How a decided nomination is described to whoever tries to act on it. */
const DECIDED_AS: Record<NominationStatus, string> = {
  [NominationStatus.OPEN]: 'open',
  [NominationStatus.AGREED]: 'agreed',
  [NominationStatus.WITHDRAWN]: 'withdrawn',
  [NominationStatus.NOT_RECONFIRMED]: 'closed as not re-confirmed',
};

/**
 * Nominations, endorsements and the single agreed leader of a programme. Changes to one
 * nomination are serialised by locking its row; the partial unique index on current
 * leaders makes a second agreed leader impossible whatever the code does. A nomination is
 * of kind LEADERSHIP (agreed, its person becomes the leader) or RECONFIRMATION (decided by
 * LeaderReconfirmationService; the leader row stays).
 */
@Injectable()
export class LeadershipService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly people: PeopleService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly reconfirmations: LeaderReconfirmationService,
  ) {}

  async nominate(principal: Principal, input: NominateLeaderInput): Promise<NominationType> {
    const programme = await this.programmes.get(principal, input.programmeId, true);
    if (programme.status === ProgrammeStatus.CLOSED) throw conflict(`${programme.name} is closed.`, ProgrammeReason.PROGRAMME_CLOSED);
    const participants = await this.programmes.participantIds(programme.id);
    if (!MANAGERS.includes(principal.role) && !participants.includes(principal.organisationId ?? '')) {
      throw forbidden(`Only coordinators, tenant administrators and representatives of the bodies taking part in ${programme.name} can nominate its leader.`, ProgrammeReason.NOT_A_PARTICIPANT);
    }
    const person = await this.people.get(input.personId);
    if (!participants.includes(person.organisationId)) {
      throw badInput(`${person.fullName} does not work for an organisation taking part in ${programme.name}.`, 'personId');
    }
    try {
      const [row] = await this.db.query<NominationRow>(
        `insert into leader_nomination (tenant_id, programme_id, person_id, nominated_by_user_id)
         values ($1, $2, $3, $4) returning ${NOMINATION_COLUMNS}`,
        [principal.tenantId, programme.id, person.id, principal.userId],
      );
      const nomination = toNomination(row);
      await this.audit.record({ action: 'nomination.created', entityType: 'NOMINATION', entityId: row.id, after: nomination });
      await recordEvent(this.outbox, DOMAIN_EVENT.nominationChanged, {
        programmeId: programme.id,
        localityId: programme.localityId,
        nominationId: row.id,
        kind: nomination.kind,
        change: 'NOMINATED',
      });
      return nomination;
    } catch (error) {
      if (violatedConstraint(error) === 'leader_nomination_open_key') {
        throw conflict(`${programme.name} already has an open nomination; it must be decided or withdrawn first.`, ProgrammeReason.NOMINATION_ALREADY_OPEN);
      }
      throw error;
    }
  }

  /**
   * Records (or changes) an organisation's position. When the rule is met the nomination is
   * agreed: a LEADERSHIP nomination makes its person the leader, a RECONFIRMATION keeps the
   * leader for another term. A RECONFIRMATION that can no longer meet the rule is closed
   * NOT_RECONFIRMED.
   */
  async endorse(principal: Principal, input: EndorseNominationInput): Promise<NominationType> {
    if (principal.role !== Role.MEMBER_REPRESENTATIVE || principal.organisationId !== input.organisationId) {
      throw await ownBodyOnly(this.db, principal, 'endorse a nomination');
    }
    const { nomination, programme } = await this.lockNomination(principal, input.nominationId);
    if (nomination.status !== NominationStatus.OPEN) {
      throw conflict(`This nomination is no longer open (it was ${DECIDED_AS[nomination.status]}).`, ProgrammeReason.NOMINATION_NOT_OPEN);
    }
    const participants = await this.programmes.participantIds(programme.id);
    if (!participants.includes(input.organisationId)) {
      throw forbidden(`${await ownBodyName(this.db, principal)} does not take part in ${programme.name}.`, ProgrammeReason.NOT_A_PARTICIPANT);
    }
    const [row] = await this.db.query<EndorsementRow>(
      `insert into endorsement (tenant_id, nomination_id, organisation_id, position, comment, endorsed_by_user_id)
       values ($1, $2, $3, $4, $5, $6) returning ${ENDORSEMENT_COLUMNS}`,
      [principal.tenantId, nomination.id, input.organisationId, input.position, input.comment || null, principal.userId],
    );
    await this.audit.record({
      action: 'nomination.endorsed',
      entityType: 'NOMINATION',
      entityId: nomination.id,
      after: toEndorsement(row),
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.endorsementChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      nominationId: nomination.id,
      kind: nomination.kind,
      organisationId: input.organisationId,
      position: input.position,
    });

    const counts = tally(participants, await this.currentPositions(nomination.id));
    const reconfirmation = nomination.kind === NominationKind.RECONFIRMATION;
    if (isAgreed(programme.agreementRule, counts)) {
      return reconfirmation
        ? this.reconfirmations.decide(programme, nomination, ReconfirmationOutcome.RECONFIRMED)
        : this.agree(principal, programme, nomination);
    }
    if (reconfirmation && isOpposedBeyondRule(programme.agreementRule, counts)) {
      return this.reconfirmations.decide(programme, nomination, ReconfirmationOutcome.NOT_RECONFIRMED);
    }
    return nomination;
  }

  async withdraw(principal: Principal, nominationId: string): Promise<NominationType> {
    const { nomination, programme } = await this.lockNomination(principal, nominationId);
    if (!MANAGERS.includes(principal.role) && nomination.nominatedByUserId !== principal.userId) {
      throw forbidden('Only coordinators, tenant administrators and whoever made a nomination can withdraw it.', ProgrammeReason.NOT_THE_NOMINATOR);
    }
    if (nomination.status !== NominationStatus.OPEN) {
      throw conflict(`This nomination is no longer open (it was ${DECIDED_AS[nomination.status]}).`, ProgrammeReason.NOMINATION_NOT_OPEN);
    }
    const [row] = await this.db.query<NominationRow>(
      `update leader_nomination set status = 'WITHDRAWN', decided_at = now() where id = $1 returning ${NOMINATION_COLUMNS}`,
      [nomination.id],
    );
    const after = toNomination(row);
    await this.audit.record({ action: 'nomination.withdrawn', entityType: 'NOMINATION', entityId: row.id, before: nomination, after });
    if (after.kind === NominationKind.RECONFIRMATION) {
      await this.reconfirmations.recordWithdrawn(programme, after);
    } else {
      await recordEvent(this.outbox, DOMAIN_EVENT.nominationChanged, {
        programmeId: programme.id,
        localityId: programme.localityId,
        nominationId: row.id,
        kind: after.kind,
        change: 'WITHDRAWN',
      });
    }
    return after;
  }

  /** The leader steps down; an open re-confirmation of them is withdrawn (nomination locked before leader). */
  async stepDown(principal: Principal, input: StepDownLeaderInput): Promise<ProgrammeLeaderType> {
    const programme = await this.programmes.get(principal, input.programmeId, true);
    await this.reconfirmations.withdrawOpen(programme);
    const [row] = await this.db.query<LeaderRow>(
      `update programme_leader set stepped_down_at = now(), step_down_reason = $2
        where programme_id = $1 and stepped_down_at is null returning ${LEADER_COLUMNS}`,
      [programme.id, input.reason || null],
    );
    if (!row) throw notFound(`An agreed leader of ${programme.name}`);
    const leader = toLeader(row);
    await this.audit.record({ action: 'leader.stepped_down', entityType: 'PROGRAMME', entityId: programme.id, after: leader });
    await recordEvent(this.outbox, DOMAIN_EVENT.leaderSteppedDown, {
      programmeId: programme.id,
      localityId: programme.localityId,
      personId: row.person_id,
      leaderId: row.id,
    });
    return leader;
  }

  /** Positions now held: the latest endorsement of each organisation. */
  async currentPositions(nominationId: string): Promise<Map<string, EndorsementPosition>> {
    const rows = await this.db.query<{ organisation_id: string; position: EndorsementPosition }>(
      `select distinct on (organisation_id) organisation_id, position from endorsement
        where nomination_id = $1 order by organisation_id, endorsed_at desc, id desc`,
      [nominationId],
    );
    return new Map(rows.map((r) => [r.organisation_id, r.position]));
  }

  /** A LEADERSHIP nomination made agreed and its person the leader, replacing a current leader. */
  private async agree(principal: Principal, programme: ProgrammeType, nomination: NominationType): Promise<NominationType> {
    const [row] = await this.db.query<NominationRow>(
      `update leader_nomination set status = 'AGREED', decided_at = now() where id = $1 returning ${NOMINATION_COLUMNS}`,
      [nomination.id],
    );
    await this.db.query(
      `update programme_leader set stepped_down_at = now(), step_down_reason = 'Succeeded by an agreed nomination'
        where programme_id = $1 and stepped_down_at is null`,
      [programme.id],
    );
    const [leader] = await this.db.query<LeaderRow>(
      `insert into programme_leader (tenant_id, programme_id, person_id, nomination_id, reconfirm_by)
       values ($1, $2, $3, $4, (current_date + make_interval(months => $5))::date) returning ${LEADER_COLUMNS}`,
      [principal.tenantId, programme.id, nomination.personId, nomination.id, programme.leaderTermMonths],
    );
    await this.audit.record({ action: 'leader.agreed', entityType: 'PROGRAMME', entityId: programme.id, after: toLeader(leader) });
    await recordEvent(this.outbox, DOMAIN_EVENT.leaderAgreed, {
      programmeId: programme.id,
      localityId: programme.localityId,
      nominationId: nomination.id,
      personId: nomination.personId,
      leaderId: leader.id,
      reconfirmBy: leader.reconfirm_by,
    });
    return toNomination(row);
  }

  private async lockNomination(principal: Principal, nominationId: string) {
    const [row] = await this.db.query<NominationRow>(
      `select ${NOMINATION_COLUMNS} from leader_nomination where id = $1 for update`,
      [nominationId],
    );
    if (!row) throw notFound('The nomination');
    // Also NOT_FOUND when the programme's locality is not one the caller may see.
    const programme = await this.programmes.get(principal, row.programme_id).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('The nomination') : error;
    });
    return { nomination: toNomination(row), programme };
  }

}
