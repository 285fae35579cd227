import { Injectable } from '@nestjs/common';
import { AccessReason, Principal, Role } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { badInput, forbidden, notFound } from '@joinedup/errors';
import { ProgrammeReason, ProgrammeType, ProgrammesService } from '@joinedup/programmes';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { programmeOf } from './milestones.service';
import { RecordRecognitionInput } from './recognition.inputs';
import { RECOGNITION_COLUMNS, RecognitionRow, toRecognition } from './recognition.rows';
import { givenFields, isCalendarDate, visibilityFlags } from './recognition.rules';
import { RecognitionType } from './recognition.types';
import { ownBodyName } from '@joinedup/registry';

/**
 * Recognitions of people and organisations taking part in a programme. Who records what:
 * - coordinators and tenant administrators record any recognition of a programme, given by
 *   any organisation or person of the tenant;
 * - a member representative records recognitions of a programme their organisation takes
 *   part in, given by their own organisation or one of its people (crediting anyone taking
 *   part, their own organisation and people included: recognition inside one's own
 *   organisation is the point).
 * Recognitions are never rewritten; the database keeps the credited party taking part,
 * exactly one credited and one giver, the milestone of the same programme and achieved by
 * then, and no date in the future.
 */
@Injectable()
export class RecognitionsService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A recognition of a programme the caller may see, or NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<RecognitionType> {
    const [row] = await this.db.query<RecognitionRow>(`select ${RECOGNITION_COLUMNS} from recognition where id = $1`, [id]);
    if (!row) throw notFound('The recognition');
    await programmeOf(this.programmes, principal, row.programme_id, 'The recognition');
    return toRecognition(row);
  }

  async record(principal: Principal, input: RecordRecognitionInput): Promise<RecognitionType> {
    const programme = await this.programmes.get(principal, input.programmeId);
    // The programme first (FOR SHARE: recognitions of one programme do not wait for each
    // other), as every writer that locks it does before the participations it reads.
    await this.db.query(`select 1 from programme where id = $1 for share`, [programme.id]);
    const credited = givenFields(input, ['creditedPersonId', 'creditedOrganisationId'] as const);
    if (credited.length !== 1) {
      throw badInput('Credit exactly one: give creditedPersonId or creditedOrganisationId, not both.', credited[1] ?? 'creditedPersonId');
    }
    const givers = givenFields(input, ['givenByPersonId', 'givenByOrganisationId'] as const);
    if (givers.length !== 1) {
      throw badInput('Say who gave it: give givenByPersonId or givenByOrganisationId, not both.', givers[1] ?? 'givenByOrganisationId');
    }
    if (principal.role === Role.MEMBER_REPRESENTATIVE) await this.requireRepresentativeMayRecord(principal, programme, input);
    else await this.requireGiverExists(input);

    const [{ today }] = await this.db.query<{ today: string }>(`select current_date as today`);
    const givenOn = input.givenOn ?? today;
    if (!isCalendarDate(givenOn)) throw badInput('givenOn is not a date in the calendar.', 'givenOn');
    if (givenOn > today) throw badInput(`givenOn cannot be in the future (today is ${today}).`, 'givenOn');
    await this.requireCreditedTakesPart(programme, input);
    if (input.milestoneId) await this.requireAchievedMilestone(programme, input.milestoneId, givenOn);

    const flags = visibilityFlags(input.visibleIn);
    let row: RecognitionRow;
    try {
      [row] = await this.db.query<RecognitionRow>(
        // The recipient and giving organisations are set from the credited and giving party by trigger.
        `insert into recognition (tenant_id, programme_id, milestone_id, credited_person_id, credited_organisation_id, reason,
                                  given_by_person_id, given_by_organisation_id, given_on, visible_on_partnership_board,
                                  visible_in_own_organisation, visible_publicly, recorded_by_user_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         returning ${RECOGNITION_COLUMNS}`,
        [
          principal.tenantId,
          programme.id,
          input.milestoneId ?? null,
          input.creditedPersonId ?? null,
          input.creditedOrganisationId ?? null,
          input.reason,
          input.givenByPersonId ?? null,
          input.givenByOrganisationId ?? null,
          givenOn,
          flags.partnershipBoard,
          flags.ownOrganisation,
          flags.publicly,
          principal.userId,
        ],
      );
    } catch (error) {
      // What the checks above found may have changed since (a participation ended, an achievement moved).
      const constraint = violatedConstraint(error);
      if (constraint === 'recognition_credited_participant') {
        throw badInput(`Only people and organisations taking part in ${programme.name} can be credited.`, credited[0]);
      }
      if (constraint === 'recognition_after_achievement') {
        throw badInput('A recognition for a milestone is given on or after the milestone was achieved.', 'milestoneId');
      }
      throw error;
    }
    const recognition = toRecognition(row);
    await this.audit.record({ action: 'recognition.recorded', entityType: 'RECOGNITION', entityId: row.id, after: recognition });
    await recordEvent(this.outbox, DOMAIN_EVENT.recognitionChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      recognitionId: recognition.id,
      change: 'RECORDED',
      milestoneId: recognition.milestoneId,
      recipientOrganisationId: recognition.recipientOrganisationId,
      creditedPersonId: recognition.creditedPersonId,
      giverOrganisationId: recognition.giverOrganisationId,
      givenOn: recognition.givenOn,
      visibleIn: recognition.visibleIn,
    });
    return recognition;
  }

  /**
   * A representative records for a programme their organisation takes part in (locked FOR
   * SHARE), a recognition given by their own organisation or one of its people.
   */
  private async requireRepresentativeMayRecord(principal: Principal, programme: ProgrammeType, input: RecordRecognitionInput): Promise<void> {
    const own = principal.organisationId!;
    const [taking] = await this.db.query(
      `select 1 from programme_participant where programme_id = $1 and organisation_id = $2 and left_at is null for share`,
      [programme.id, own],
    );
    if (!taking) throw forbidden(`Only representatives of organisations taking part in ${programme.name} can record its recognitions.`, ProgrammeReason.NOT_A_PARTICIPANT);
    const giverOrganisation = input.givenByOrganisationId
      ? input.givenByOrganisationId
      : (await this.db.query<{ organisation_id: string }>(`select organisation_id from person where id = $1`, [input.givenByPersonId]))[0]
          ?.organisation_id;
    if (giverOrganisation !== own) {
      const own = await ownBodyName(this.db, principal);
      throw forbidden(`You act only for ${own}: you can record only recognitions given by ${own} or one of its people.`, AccessReason.OWN_ORGANISATION_ONLY);
    }
  }

  private async requireGiverExists(input: RecordRecognitionInput): Promise<void> {
    if (input.givenByPersonId) {
      const [person] = await this.db.query(`select 1 from person where id = $1`, [input.givenByPersonId]);
      if (!person) throw badInput('The person given as the giver was not found.', 'givenByPersonId');
    } else {
      const [organisation] = await this.db.query(`select 1 from organisation where id = $1`, [input.givenByOrganisationId]);
      if (!organisation) throw badInput('The organisation given as the giver was not found.', 'givenByOrganisationId');
    }
  }

  /** The credited person's organisation, or the credited organisation, takes part now (locked FOR SHARE). */
  private async requireCreditedTakesPart(programme: ProgrammeType, input: RecordRecognitionInput): Promise<void> {
    const field = input.creditedPersonId ? 'creditedPersonId' : 'creditedOrganisationId';
    const [party] = input.creditedPersonId
      ? await this.db.query<{ name: string; organisation_id: string }>(
          `select full_name as name, organisation_id from person where id = $1`,
          [input.creditedPersonId],
        )
      : await this.db.query<{ name: string; organisation_id: string }>(`select name, id as organisation_id from organisation where id = $1`, [
          input.creditedOrganisationId,
        ]);
    const [taking] = party
      ? await this.db.query(
          `select 1 from programme_participant where programme_id = $1 and organisation_id = $2 and left_at is null for share`,
          [programme.id, party.organisation_id],
        )
      : [];
    if (taking) return;
    const who = party ? party.name : field === 'creditedPersonId' ? 'The person given' : 'The organisation given';
    const what = field === 'creditedPersonId' ? 'does not work for an organisation taking part in' : 'does not take part in';
    throw badInput(`${who} ${what} ${programme.name}; only people and organisations taking part can be credited.`, field);
  }

  /** The milestone is of the same programme, achieved, and on or before the date given (locked FOR SHARE). */
  private async requireAchievedMilestone(programme: ProgrammeType, milestoneId: string, givenOn: string): Promise<void> {
    const [milestone] = await this.db.query<{ name: string; achieved_on: string | null }>(
      `select name, achieved_on from milestone where id = $1 and programme_id = $2 for share`,
      [milestoneId, programme.id],
    );
    if (!milestone) throw badInput(`That is not a milestone of ${programme.name}.`, 'milestoneId');
    if (!milestone.achieved_on) {
      throw badInput(`${milestone.name} has not been achieved yet; record its achievement first.`, 'milestoneId');
    }
    if (givenOn < milestone.achieved_on) {
      throw badInput(`givenOn cannot be before ${milestone.name} was achieved (${milestone.achieved_on}).`, 'givenOn');
    }
  }
}
