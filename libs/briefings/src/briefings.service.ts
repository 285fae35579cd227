import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, violatedConstraint } from '@joinedup/database';
import { badInput, conflict, forbidden, notFound } from '@joinedup/errors';
import { ProgrammeReason, ProgrammeStatus, ProgrammeType, ProgrammesService, readableProgramme } from '@joinedup/programmes';
import { OrganisationsService, localityAccessParam, ownBodyOnly } from '@joinedup/registry';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { isCalendarDate, periodProblem } from './briefing-rules';
import { AcknowledgeBriefingInput, BriefingPeriodArgs, IssueBriefingInput } from './briefings.inputs';
import { Period } from './briefings.loaders';
import {
  ACKNOWLEDGEMENT_COLUMNS,
  AcknowledgementRow,
  BRIEFING_COLUMNS,
  BriefingRow,
  briefingColumns,
  toAcknowledgement,
  toBriefing,
} from './briefings.rows';
import { BriefingAcknowledgementType, BriefingType } from './briefings.types';
import { BriefingReason } from './briefings.errors';

const MANAGERS: Role[] = [Role.TENANT_ADMIN, Role.COORDINATOR];

/** The programme facts a briefing's rules need. */
interface BriefingProgramme {
  id: string;
  name: string;
  localityId: string;
}

/**
 * Briefings and their acknowledgement. The database fixes the recipients when a briefing
 * is issued (a trigger refuses any added later, or any organisation not taking part), lets
 * only a recipient acknowledge (a foreign key), and keeps each recipient's latest
 * acknowledgement as its current one (a trigger); this service adds who may do what, with
 * messages a coordinator understands.
 */
@Injectable()
export class BriefingsService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A briefing of a programme in a locality the caller may see, or NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<BriefingType> {
    return toBriefing(await this.find(principal, id));
  }

  /** The period, checked; BAD_USER_INPUT naming `from` or `to` otherwise. */
  period(args: BriefingPeriodArgs): Period {
    const problem = periodProblem(args.from, args.to);
    if (problem) throw badInput(problem.message, problem.field);
    return { from: args.from, to: args.to };
  }

  /** An organisation of the tenant, or NOT_FOUND. */
  async organisationId(id: string): Promise<string> {
    return (await this.organisations.get(id.toLowerCase())).id;
  }

  /**
   * Issues a briefing to every organisation taking part in the programme now. The programme
   * is locked (no organisation joins or leaves through it) and so are the participations
   * read (none ends, e.g. by its body leaving the locality), until this commits.
   */
  async issue(principal: Principal, input: IssueBriefingInput): Promise<BriefingType> {
    const programme = await this.programmes.get(principal, input.programmeId, true);
    const issuedByOrganisationId = await this.requireIssuer(principal, programme);
    if (programme.status === ProgrammeStatus.CLOSED) throw conflict(`${programme.name} is closed; it takes no new briefings.`, ProgrammeReason.PROGRAMME_CLOSED);
    const [{ today }] = await this.db.query<{ today: string }>(`select current_date::text as today`);
    const issuedOn = input.issuedOn ?? today;
    if (!isCalendarDate(issuedOn)) throw badInput('issuedOn must be a real date written YYYY-MM-DD.', 'issuedOn');
    if (issuedOn > today) throw badInput('issuedOn must not be in the future.', 'issuedOn');
    if (issuedOn < '2000-01-01') throw badInput('issuedOn must not be before 2000-01-01.', 'issuedOn');
    const participants = await this.programmes.participantIds(programme.id);
    if (!participants.length) throw conflict(`No organisation takes part in ${programme.name} yet; there is nobody to brief.`, BriefingReason.NO_PARTICIPANTS);

    const [row] = await this.db.query<BriefingRow>(
      `insert into briefing (tenant_id, programme_id, title, summary, issued_on, link, issued_by_user_id, issued_by_organisation_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${BRIEFING_COLUMNS}`,
      [principal.tenantId, programme.id, input.title, input.summary, issuedOn, input.link || null, principal.userId, issuedByOrganisationId],
    );
    const recipients = await this.db.query<{ organisation_id: string }>(
      `insert into briefing_recipient (tenant_id, briefing_id, organisation_id)
       select $1, $2, pp.organisation_id from programme_participant pp where pp.programme_id = $3 and pp.left_at is null
          for share of pp
       returning organisation_id`,
      [principal.tenantId, row.id, programme.id],
    );
    const briefing = toBriefing(row);
    const recipientIds = recipients.map((r) => r.organisation_id).sort();
    await this.audit.record({ action: 'briefing.issued', entityType: 'BRIEFING', entityId: briefing.id, after: { ...briefing, recipientIds } });
    await recordEvent(this.outbox, DOMAIN_EVENT.briefingChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      briefingId: briefing.id,
      change: 'ISSUED',
      issuedOn: briefing.issuedOn,
      recipientCount: recipientIds.length,
    });
    return briefing;
  }

  /**
   * A recipient organisation's representative acknowledges the briefing for it, saying how
   * far it was cascaded. A later acknowledgement replaces the earlier one; both are kept.
   */
  async acknowledge(principal: Principal, input: AcknowledgeBriefingInput): Promise<BriefingAcknowledgementType> {
    const organisationId = input.organisationId.toLowerCase();
    if (principal.role !== Role.MEMBER_REPRESENTATIVE || principal.organisationId !== organisationId) {
      throw await ownBodyOnly(this.db, principal, 'acknowledge a briefing');
    }
    const row = await this.find(principal, input.briefingId);
    const { programme } = row;
    // Locked: acknowledgements of one recipient are made one at a time, so the latest is the last made.
    const [recipient] = await this.db.query<{ acknowledgement_id: string | null }>(
      `select acknowledgement_id from briefing_recipient where briefing_id = $1 and organisation_id = $2 for update`,
      [row.id, organisationId],
    );
    if (!recipient) {
      throw forbidden(
        `"${row.title}" was not sent to your organisation: it went to the organisations taking part in ${programme.name} when it was issued.`,
        BriefingReason.NOT_A_RECIPIENT,
      );
    }
    const before = recipient.acknowledgement_id ? await this.acknowledgement(recipient.acknowledgement_id) : null;
    let ack: AcknowledgementRow;
    try {
      [ack] = await this.db.query<AcknowledgementRow>(
        `insert into briefing_acknowledgement (tenant_id, briefing_id, organisation_id, cascade_level, note, acknowledged_by_user_id)
         values ($1, $2, $3, $4, $5, $6) returning ${ACKNOWLEDGEMENT_COLUMNS}`,
        [principal.tenantId, row.id, organisationId, input.cascade, input.note || null, principal.userId],
      );
    } catch (error) {
      if (violatedConstraint(error) === 'briefing_recipient_latest') {
        throw conflict('Your organisation acknowledged this briefing at the same moment from elsewhere; read it again and retry.');
      }
      throw error;
    }
    const after = toAcknowledgement(ack);
    await this.audit.record({ action: 'briefing.acknowledged', entityType: 'BRIEFING', entityId: row.id, before, after });
    await recordEvent(this.outbox, DOMAIN_EVENT.briefingAcknowledgementChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      briefingId: row.id,
      organisationId,
      acknowledgementId: after.id,
      change: before ? 'REACKNOWLEDGED' : 'ACKNOWLEDGED',
      cascade: after.cascade,
    });
    return after;
  }

  /**
   * Who may issue a briefing: coordinators and administrators, and the representative of
   * the organisation whose person is the programme's agreed leader now (that leadership is
   * locked FOR SHARE, so it cannot end before this commits). Returns the organisation a
   * representative issues it for (empty for staff).
   */
  private async requireIssuer(principal: Principal, programme: ProgrammeType): Promise<string | null> {
    if (MANAGERS.includes(principal.role)) return null;
    const [lead] = await this.db.query<{ organisation_id: string; name: string }>(
      `select pe.organisation_id, o.name from programme_leader pl
         join person pe on pe.tenant_id = pl.tenant_id and pe.id = pl.person_id
         join organisation o on o.tenant_id = pe.tenant_id and o.id = pe.organisation_id
        where pl.programme_id = $1 and pl.stepped_down_at is null
        for share of pl`,
      [programme.id],
    );
    if (principal.role === Role.MEMBER_REPRESENTATIVE && lead && lead.organisation_id === principal.organisationId) return lead.organisation_id;
    throw forbidden(
      lead
        ? `Only coordinators, tenant administrators and representatives of ${lead.name}, whose person leads ${programme.name}, can issue its briefings.`
        : `Only coordinators and tenant administrators can issue briefings of ${programme.name} while nobody leads it; then also representatives of the leader's body.`,
      BriefingReason.NOT_THE_LEADING_BODY,
    );
  }

  /** The briefing's row, with its programme, if the caller may see the programme's locality. */
  private async find(principal: Principal, id: string): Promise<BriefingRow & { programme: BriefingProgramme }> {
    const [row] = await this.db.query<BriefingRow & { programme_name: string; locality_id: string }>(
      `select ${briefingColumns('b')}, p.name as programme_name, p.locality_id from briefing b
         join programme p on p.tenant_id = b.tenant_id and p.id = b.programme_id
        where b.id = $1 and ${readableProgramme('p', '$2')}`,
      [id, localityAccessParam(principal)],
    );
    if (!row) throw notFound('The briefing');
    return { ...row, programme: { id: row.programme_id, name: row.programme_name, localityId: row.locality_id } };
  }

  private async acknowledgement(id: string): Promise<BriefingAcknowledgementType> {
    const [row] = await this.db.query<AcknowledgementRow>(`select ${ACKNOWLEDGEMENT_COLUMNS} from briefing_acknowledgement where id = $1`, [id]);
    return toAcknowledgement(row);
  }
}
