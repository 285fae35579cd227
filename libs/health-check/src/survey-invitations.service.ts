import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { OutboxWriter, TenantDb, isUniqueViolation } from '@joinedup/database';
import { badInput, conflict } from '@joinedup/errors';
import { Sector } from '@joinedup/registry';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { newResponseSecret, secretHash } from './response-secret';
import { SurveyRoundStatus, linksExpireAt } from './survey-round-status';
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
  organisation_name: string;
  sector: Sector;
  external_ref: string | null;
  already_invited: boolean;
}

/** A chosen organisation or person outside the round's scope (name null: no such record). */
interface OutsideRow {
  kind: 'organisation' | 'person';
  id: string;
  name: string | null;
}

/** A new invitation before it is written: the token is shown once, its hash stored. */
interface NewInvitation {
  candidate: CandidateRow;
  token: string;
  hashHex: string;
}

/**
 * Invitations to a round. Each new invitee gets a survey_invitation row (who was invited)
 * and, separately, a survey_token row (an unused link: its hash, organisation and sector).
 * Nothing joins the two: the tokens are written in the order of their hashes, not of the
 * invitations, and the tokens themselves leave only in the answer (the outbox event names
 * the invitations, never a link).
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
      `select p.id, p.organisation_id, p.full_name, p.job_title, p.email,
              o.name as organisation_name, o.sector, o.external_ref,
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

    const invitations = fresh.map((candidate): NewInvitation => {
      const token = newResponseSecret();
      return { candidate, token, hashHex: secretHash(token).toString('hex') };
    });
    const invitationIds = invitations.length ? await this.write(principal, round, invitations) : [];

    const links = invitations.map(({ candidate: c, token }): SurveyInvitationLinkType => ({
      person: { id: c.id, organisationId: c.organisation_id, fullName: c.full_name, jobTitle: c.job_title, email: c.email },
      organisation: { id: c.organisation_id, name: c.organisation_name, sector: c.sector, externalRef: c.external_ref },
      token,
      link: `${this.config.healthCheck.linkBase}${token}`,
    }));
    const counts = { invited: links.length, alreadyInvited: candidates.length - fresh.length };
    await this.audit.record({ action: 'survey_round.invited', entityType: 'SURVEY_ROUND', entityId: round.id, after: counts });
    if (invitationIds.length) {
      await recordEvent(this.outbox, DOMAIN_EVENT.healthCheckInvitationsCreated, { roundId: round.id, invitationIds });
    }
    return { ...counts, links };
  }

  /**
   * Two set-based statements that share no order: invitations by person, tokens by hash.
   * Returns the new invitations' ids, sorted.
   */
  private async write(principal: Principal, round: SurveyRoundType, invitations: NewInvitation[]): Promise<string[]> {
    let ids: { id: string }[];
    try {
      ids = await this.db.query<{ id: string }>(
        `insert into survey_invitation (tenant_id, round_id, person_id, organisation_id, invited_by_user_id)
         select $1, $2, u.person_id, u.organisation_id, $3
           from unnest($4::uuid[], $5::uuid[]) as u(person_id, organisation_id)
         returning id`,
        [
          principal.tenantId,
          round.id,
          principal.userId,
          invitations.map((i) => i.candidate.id),
          invitations.map((i) => i.candidate.organisation_id),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Some of these people were invited at the same moment by someone else; try again.');
      throw error;
    }
    const byHash = [...invitations].sort((a, b) => (a.hashHex < b.hashHex ? -1 : 1));
    await this.db.query(
      `insert into survey_token (tenant_id, token_hash, round_id, organisation_id, sector, expires_at)
       select $1, decode(t.hash, 'hex'), $2, t.organisation_id, t.sector, ${linksExpireAt('$6::date')}
         from unnest($3::text[], $4::uuid[], $5::text[]) as t(hash, organisation_id, sector)
        order by t.hash`,
      [
        principal.tenantId,
        round.id,
        byHash.map((i) => i.hashHex),
        byHash.map((i) => i.candidate.organisation_id),
        byHash.map((i) => i.candidate.sector),
        round.closesOn,
      ],
    );
    return ids.map((r) => r.id).sort();
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
