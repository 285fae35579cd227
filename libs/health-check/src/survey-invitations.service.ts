import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { OutboxWriter, TenantDb, isUniqueViolation } from '@joinedup/database';
import { badInput, conflict } from '@joinedup/errors';
import { Sector } from '@joinedup/registry';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { SurveyRoundStatus } from './survey-round-status';
import { issueSurveyTokens } from './survey-tokens';
import { InviteToSurveyRoundInput, MAX_INVITATIONS_PER_CALL } from './survey-round.inputs';
import { SurveyInvitationLinkType, SurveyInvitationsType, SurveyRoundType } from './survey-round.types';
import { SurveyRoundsService } from './survey-rounds.service';
import { HealthCheckReason } from './health-check.errors';

/**
 * The bodies whose people a round may invite ($1 its locality, $2 its programme or null):
 * the programme's participating bodies, or else the locality's active member bodies.
 */
const SCOPE = `(select m.organisation_id from membership m where m.locality_id = $1 and m.left_on is null and $2::uuid is null
                union all
                select pp.organisation_id from programme_participant pp where pp.programme_id = $2::uuid and pp.left_at is null)`;

/** Someone who may be invited, with their organisation and whether the round has invited them already. */
interface CandidateRow {
  id: string;
  organisation_id: string;
  full_name: string;
  job_title: string | null;
  email: string | null;
  represents_body: boolean;
  organisation_name: string;
  sector: Sector;
  external_ref: string | null;
  already_invited: boolean;
  /** The person used the unsubscribe link of a health-check email: no more email. */
  mail_stopped: boolean;
}

/** A chosen organisation or person outside the round's scope (name null: no such record). */
interface OutsideRow {
  kind: 'organisation' | 'person';
  id: string;
  name: string | null;
}

/** A new invitation before it is written, and how its link goes out. */
interface NewInvitation {
  candidate: CandidateRow;
  delivery: 'LINK' | 'EMAIL';
}

/**
 * Invitations to a round. Each new invitee gets a survey_invitation row (who was invited)
 * and, separately, a survey_token row (an unused link: its hash, organisation and sector).
 * Nothing joins the two: the tokens are written in the order of their hashes, not of the
 * invitations. A link leaves in the answer only (sending off, or an invitee without an
 * email address), or else only in the email the worker sends (it issues the token then);
 * the outbox event names the invitations, never a link.
 */
@Injectable()
export class SurveyInvitationsService {
  constructor(
    private readonly db: TenantDb,
    private readonly rounds: SurveyRoundsService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(principal: Principal, input: InviteToSurveyRoundInput): Promise<SurveyInvitationsType> {
    // The lock keeps a concurrent close (or second invitation of the same people) out until this commits.
    const round = await this.rounds.lock(input.roundId);
    if (round.status === SurveyRoundStatus.CLOSED) throw conflict(`This round closed on ${round.closesOn}: it takes no more invitations.`, HealthCheckReason.ROUND_CLOSED);
    const organisationIds = input.organisationIds?.map((id) => id.toLowerCase()) ?? null;
    const personIds = input.personIds?.map((id) => id.toLowerCase()) ?? null;
    const everyone = organisationIds === null && personIds === null;
    if (!everyone && !organisationIds?.length && !personIds?.length) {
      throw badInput('Name at least one organisation or person, or leave out both lists to invite everyone in the round’s scope.', 'personIds');
    }
    if (!everyone) await this.requireInScope(round, organisationIds ?? [], personIds ?? []);

    const candidates = await this.db.query<CandidateRow>(
      `select p.id, p.organisation_id, p.full_name, p.job_title, p.email, p.represents_body,
              o.name as organisation_name, o.sector, o.external_ref, p.health_check_mail_stopped_at is not null as mail_stopped,
              exists (select 1 from survey_invitation i where i.round_id = $5 and i.person_id = p.id) as already_invited
         from person p
         join organisation o on o.tenant_id = p.tenant_id and o.id = p.organisation_id
        where p.organisation_id in ${SCOPE}
          and ($3::uuid[] is null and $4::uuid[] is null or p.organisation_id = any($3::uuid[]) or p.id = any($4::uuid[]))
        order by lower(o.name), o.id, lower(p.full_name), p.id`,
      [round.localityId, round.programmeId, organisationIds, personIds, round.id],
    );
    const fresh = candidates.filter((c) => !c.already_invited);
    if (fresh.length > MAX_INVITATIONS_PER_CALL) {
      throw badInput(
        `This would invite ${fresh.length} people; one call invites at most ${MAX_INVITATIONS_PER_CALL}. Invite by organisation, a few at a time.`,
        'organisationIds',
      );
    }

    // With sending on, whoever has an email address gets their link by email from the
    // worker (issued there, as it is sent); the others' links are issued here, for the coordinator.
    // So are the links of people who asked for no more health-check email (unsubscribed).
    const emailing = this.config.mail.smtpUrl !== null;
    const invitations = fresh.map((candidate): NewInvitation => ({ candidate, delivery: emailing && candidate.email && !candidate.mail_stopped ? 'EMAIL' : 'LINK' }));
    const emailSkipped = emailing ? invitations.filter((i) => i.candidate.email && i.candidate.mail_stopped).length : 0;
    const byHand = invitations.filter((i) => i.delivery === 'LINK').map((i) => i.candidate);
    let invitationIds: string[] = [];
    let tokens: string[] = [];
    if (invitations.length) {
      invitationIds = await this.write(principal, round, invitations);
      tokens = await issueSurveyTokens(
        this.db,
        { tenantId: principal.tenantId, roundId: round.id, closesOn: round.closesOn },
        byHand.map((c) => ({ organisationId: c.organisation_id, sector: c.sector })),
      );
    }

    const links = byHand.map((c, index): SurveyInvitationLinkType => ({
      person: { id: c.id, organisationId: c.organisation_id, fullName: c.full_name, jobTitle: c.job_title, email: c.email, representsBody: c.represents_body },
      organisation: { id: c.organisation_id, name: c.organisation_name, sector: c.sector, externalRef: c.external_ref },
      token: tokens[index],
      link: `${this.config.healthCheck.linkBase}${tokens[index]}`,
    }));
    const counts = { invited: invitations.length, alreadyInvited: candidates.length - fresh.length, emailed: invitations.length - links.length, emailSkipped };
    await this.audit.record({ action: 'survey_round.invited', entityType: 'SURVEY_ROUND', entityId: round.id, after: counts });
    if (invitationIds.length) {
      await recordEvent(this.outbox, DOMAIN_EVENT.healthCheckInvitationsCreated, { roundId: round.id, invitationIds });
    }
    return { ...counts, links };
  }

  /**
   * The invitation rows, in the order of the people; their links (issueSurveyTokens) are
   * written apart, in the order of their hashes. Returns the new invitations' ids, sorted.
   */
  private async write(principal: Principal, round: SurveyRoundType, invitations: NewInvitation[]): Promise<string[]> {
    try {
      const ids = await this.db.query<{ id: string }>(
        `insert into survey_invitation (tenant_id, round_id, person_id, organisation_id, invited_by_user_id, delivery, link_issued_at)
         select $1, $2, u.person_id, u.organisation_id, $3, u.delivery, case when u.delivery = 'LINK' then now() end
           from unnest($4::uuid[], $5::uuid[], $6::text[]) as u(person_id, organisation_id, delivery)
         returning id`,
        [
          principal.tenantId,
          round.id,
          principal.userId,
          invitations.map((i) => i.candidate.id),
          invitations.map((i) => i.candidate.organisation_id),
          invitations.map((i) => i.delivery),
        ],
      );
      return ids.map((r) => r.id).sort();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Some of these people were invited at the same moment by someone else; try again.');
      throw error;
    }
  }

  /** Chosen organisations and people must be in the round's scope: else BAD_USER_INPUT naming them. */
  private async requireInScope(round: SurveyRoundType, organisationIds: string[], personIds: string[]): Promise<void> {
    const outside = await this.db.query<OutsideRow>(
      `select 'organisation' as kind, k.id::text as id, o.name
         from unnest($3::uuid[]) as k(id) left join organisation o on o.id = k.id
        where o.id is null or o.id not in ${SCOPE}
       union all
       select 'person', k.id::text, p.full_name
         from unnest($4::uuid[]) as k(id) left join person p on p.id = k.id
        where p.id is null or p.organisation_id not in ${SCOPE}`,
      [round.localityId, round.programmeId, organisationIds, personIds],
    );
    if (!outside.length) return;
    const [names] = await this.db.query<{ locality: string; programme: string | null }>(
      `select l.name as locality, (select name from programme where id = $2::uuid) as programme from locality l where l.id = $1`,
      [round.localityId, round.programmeId],
    );
    const scope = names.programme ? `the bodies taking part in ${names.programme}` : `the active member bodies of ${names.locality}`;
    const named = outside.map((o) => o.name ?? `unknown ${o.kind} ${o.id}`);
    throw badInput(
      `Not in this round’s scope (${scope}): ${named.join(', ')}. Invite people of those bodies only.`,
      outside[0].kind === 'organisation' ? 'organisationIds' : 'personIds',
    );
  }
}
