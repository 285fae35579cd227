import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, isUniqueViolation } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { Connection, PageArgs, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { LocalitiesService, localityAccessParam, RegistryReason } from '@joinedup/registry';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { AgreementRule, AgreementRuleKind } from './agreement';
import { readableProgramme } from './programme-access';
import { AgreementRuleInput, CreateProgrammeInput, ProgrammeParticipantInput, UpdateProgrammeInput } from './programme.inputs';
import { PROGRAMME_COLUMNS, ProgrammeRow, toProgramme } from './programme.rows';
import { ProgrammeStatus, ProgrammeType } from './programme.types';
import { ProgrammeReason } from './programmes.errors';

/** Programmes of a locality and the member bodies taking part. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly db: TenantDb,
    private readonly localities: LocalitiesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A programme in a locality the caller may see, or NOT_FOUND; `lock` holds it for an update. */
  async get(principal: Principal, id: string, lock = false): Promise<ProgrammeType> {
    const [row] = await this.db.query<ProgrammeRow>(
      `select ${PROGRAMME_COLUMNS} from programme p
        where id = $1 and ${readableProgramme('p', '$2')}
        ${lock ? 'for update of p' : ''}`,
      [id, localityAccessParam(principal)],
    );
    if (!row) throw notFound('The programme');
    return toProgramme(row);
  }

  /** A locality's programmes by name, a page at a time; NOT_FOUND for a locality the caller may not see. */
  async list(principal: Principal, localityId: string, page: PageArgs): Promise<Connection<ProgrammeType>> {
    const locality = await this.localities.get(principal, localityId);
    const after = decodeCursor(page.after, ['text', 'uuid']);
    const rows = await this.db.query<ProgrammeRow>(
      `select ${PROGRAMME_COLUMNS} from programme
        where locality_id = $1 and ($2::text is null or (name, id) > ($2, $3::uuid))
        order by name, id limit $4`,
      [locality.id, after?.[0] ?? null, after?.[1] ?? null, page.first + 1],
    );
    return toConnection(rows, page.first, (r) => [r.name, r.id], toProgramme);
  }

  /** Ids of the organisations taking part now. */
  async participantIds(programmeId: string): Promise<string[]> {
    const rows = await this.db.query<{ organisation_id: string }>(
      `select organisation_id from programme_participant where programme_id = $1 and left_at is null`,
      [programmeId],
    );
    return rows.map((r) => r.organisation_id);
  }

  async create(principal: Principal, input: CreateProgrammeInput): Promise<ProgrammeType> {
    const locality = await this.localities.get(principal, input.localityId);
    if (locality.archivedAt) throw conflict(`${locality.name} is archived; it takes no new programmes.`, RegistryReason.LOCALITY_ARCHIVED);
    checkDates(input.startsOn, input.endsOn);
    const rule = agreementRule(input.agreementRule);
    await this.requireActiveMembers(locality.id, locality.name, input.participantIds);

    const [row] = await this.db.query<ProgrammeRow>(
      `insert into programme (tenant_id, locality_id, name, purpose, status, starts_on, ends_on, review_cadence_days,
                              agreement_rule, support_threshold, max_opposing, leader_term_months)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${PROGRAMME_COLUMNS}`,
      [
        principal.tenantId,
        locality.id,
        input.name,
        input.purpose || null,
        input.status,
        input.startsOn ?? null,
        input.endsOn ?? null,
        input.reviewCadenceDays,
        rule.kind,
        rule.supportThreshold,
        rule.maxOpposing,
        input.leaderTermMonths,
      ],
    );
    if (input.participantIds.length) {
      await this.db.query(
        `insert into programme_participant (tenant_id, programme_id, organisation_id) select $1, $2, unnest($3::uuid[])`,
        [principal.tenantId, row.id, input.participantIds],
      );
    }
    const programme = toProgramme(row);
    await this.audit.record({
      action: 'programme.created',
      entityType: 'PROGRAMME',
      entityId: row.id,
      after: { ...programme, participantIds: input.participantIds },
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.programmeCreated, { programmeId: row.id, localityId: locality.id });
    return programme;
  }

  async update(principal: Principal, input: UpdateProgrammeInput): Promise<ProgrammeType> {
    const before = await this.get(principal, input.programmeId, true);
    if (before.status === ProgrammeStatus.CLOSED) throw conflict(`${before.name} is closed and can no longer change.`, ProgrammeReason.PROGRAMME_CLOSED);
    const startsOn = input.startsOn !== undefined ? input.startsOn : before.startsOn;
    const endsOn = input.endsOn !== undefined ? input.endsOn : before.endsOn;
    checkDates(startsOn, endsOn);
    const rule = input.agreementRule ? agreementRule(input.agreementRule) : before.agreementRule;
    const [row] = await this.db.query<ProgrammeRow>(
      `update programme set name = $2, purpose = $3, status = $4, starts_on = $5, ends_on = $6,
              review_cadence_days = $7, agreement_rule = $8, support_threshold = $9, max_opposing = $10,
              leader_term_months = $11, updated_at = now()
        where id = $1 returning ${PROGRAMME_COLUMNS}`,
      [
        before.id,
        input.name ?? before.name,
        input.purpose !== undefined ? input.purpose || null : before.purpose,
        input.status ?? before.status,
        startsOn,
        endsOn,
        input.reviewCadenceDays ?? before.reviewCadenceDays,
        rule.kind,
        rule.supportThreshold,
        rule.maxOpposing,
        input.leaderTermMonths ?? before.leaderTermMonths,
      ],
    );
    const after = toProgramme(row);
    await this.audit.record({ action: 'programme.updated', entityType: 'PROGRAMME', entityId: row.id, before, after });
    await recordEvent(this.outbox, DOMAIN_EVENT.programmeChanged, { programmeId: row.id, localityId: row.locality_id, change: 'UPDATED' });
    return after;
  }

  async addParticipant(principal: Principal, input: ProgrammeParticipantInput): Promise<ProgrammeType> {
    const programme = await this.get(principal, input.programmeId, true);
    if (programme.status === ProgrammeStatus.CLOSED) throw conflict(`${programme.name} is closed.`, ProgrammeReason.PROGRAMME_CLOSED);
    const locality = await this.localities.get(principal, programme.localityId);
    await this.requireActiveMembers(locality.id, locality.name, [input.organisationId]);
    try {
      await this.db.query(
        `insert into programme_participant (tenant_id, programme_id, organisation_id) values ($1, $2, $3)`,
        [principal.tenantId, programme.id, input.organisationId],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('That organisation already takes part in this programme.', ProgrammeReason.ALREADY_A_PARTICIPANT);
      throw error;
    }
    await this.recordParticipation(programme, input.organisationId, 'JOINED');
    return programme;
  }

  async removeParticipant(principal: Principal, input: ProgrammeParticipantInput): Promise<ProgrammeType> {
    const programme = await this.get(principal, input.programmeId, true);
    const [left] = await this.db.query<{ organisation_id: string }>(
      `update programme_participant set left_at = now()
        where programme_id = $1 and organisation_id = $2 and left_at is null returning organisation_id`,
      [programme.id, input.organisationId],
    );
    if (!left) throw notFound('A participation of that organisation');
    await this.recordParticipation(programme, input.organisationId, 'LEFT');
    return programme;
  }

  private async recordParticipation(programme: ProgrammeType, organisationId: string, change: 'JOINED' | 'LEFT') {
    await this.audit.record({
      action: change === 'JOINED' ? 'programme.participant_added' : 'programme.participant_removed',
      entityType: 'PROGRAMME',
      entityId: programme.id,
      after: { organisationId },
    });
    await recordEvent(this.outbox, DOMAIN_EVENT.programmeChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      change: `PARTICIPANT_${change}`,
      organisationId,
    });
  }

  /**
   * Every organisation must be an active member of the locality; their memberships are
   * locked (FOR SHARE) so none can end before this transaction commits.
   */
  private async requireActiveMembers(localityId: string, localityName: string, organisationIds: string[]): Promise<void> {
    if (!organisationIds.length) return;
    const rows = await this.db.query<{ organisation_id: string }>(
      `select organisation_id from membership
        where locality_id = $1 and organisation_id = any($2::uuid[]) and left_on is null for share`,
      [localityId, organisationIds],
    );
    const members = new Set(rows.map((r) => r.organisation_id));
    const outsiders = organisationIds.filter((id) => !members.has(id));
    if (outsiders.length) {
      const named = await this.db.query<{ name: string }>(
        `select name from organisation where id = any($1::uuid[]) order by name`,
        [outsiders],
      );
      const names = named.length ? named.map((n) => n.name).join(', ') : 'An organisation given';
      throw badInput(
        `${names} ${outsiders.length > 1 ? 'are not active members' : 'is not an active member'} of ${localityName}; only its active member bodies can take part.`,
        'participantIds',
      );
    }
  }
}

function checkDates(startsOn?: string | null, endsOn?: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn) throw badInput('endsOn must not be before startsOn.', 'endsOn');
}

function agreementRule(input?: AgreementRuleInput | null): AgreementRule {
  if (!input || input.kind === AgreementRuleKind.UNANIMOUS) {
    return { kind: AgreementRuleKind.UNANIMOUS, supportThreshold: null, maxOpposing: null };
  }
  if (input.supportThreshold == null) {
    throw badInput('A qualified majority needs a supportThreshold, e.g. 0.667 for two thirds.', 'agreementRule.supportThreshold');
  }
  return {
    kind: AgreementRuleKind.QUALIFIED_MAJORITY,
    supportThreshold: Math.round(input.supportThreshold * 1000) / 1000,
    maxOpposing: input.maxOpposing ?? null,
  };
}
