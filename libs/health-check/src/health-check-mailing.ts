import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { MailBlock, MailContent, MailJobs, MailNotSent, Mailer, PERSON_MAIL_KIND, UnsubscribeTokens, mailFailure } from '@joinedup/mail';
import { HEALTH_CHECK_MAIL_JOB, InvitationMailJob, ReminderMailJob } from './health-check-mail.jobs';
import { InvitationMailFacts, invitationMail, reminderMail } from './invitation-mail';
import { SURVEY_TODAY } from './survey-round-status';
import { issueSurveyTokens } from './survey-tokens';

/** The round as its emails describe it, and whether it still takes answers. */
interface RoundFacts {
  title: string;
  opens_on: string;
  closes_on: string;
  min_group_size: number;
  locality_name: string;
  programme_name: string | null;
  open: boolean;
  today: string;
}

/** An emailed invitation and its person (who), with no link. */
interface Invitee {
  id: string;
  person_id: string;
  email: string;
  full_name: string;
  organisation_id: string;
  organisation_name: string;
  sector: string;
  contact_name: string | null;
  contact_email: string | null;
  sent_on: string | null;
}

const INVITEE_COLUMNS = `i.id, p.id as person_id, p.email, p.full_name, i.organisation_id, o.name as organisation_name, o.sector,
       u.display_name as contact_name, u.email as contact_email, (i.sent_at at time zone 'UTC')::date::text as sent_on`;
const INVITEE_JOINS = `join person p on p.tenant_id = i.tenant_id and p.id = i.person_id
  join organisation o on o.tenant_id = i.tenant_id and o.id = i.organisation_id
  left join app_user u on u.tenant_id = i.tenant_id and u.id = i.invited_by_user_id`;

/** What one job did: the job's result in the queue (counts only). */
interface MailRun {
  sent: number;
  failed: number;
  skipped?: string;
}

/**
 * Sends the health check's emails from the mail queue. Invitations: checks that the SMTP
 * server answers, then in one transaction issues a fresh link for each invitation of the
 * batch not sent yet (tokens written in hash order, as the API writes them) and marks
 * them issued, then sends each person their own link and marks the invitation sent once
 * the server accepted it. The links live in this function's memory only: a link whose
 * email failed is lost, and the next try issues a new one (the lost one stays unused and
 * unknown to anyone). Reminders read invitations and people only, never links, tokens or
 * responses, and carry no link.
 */
@Injectable()
export class HealthCheckMailing implements OnModuleInit {
  constructor(
    private readonly jobs: MailJobs,
    private readonly mailer: Mailer,
    private readonly db: TenantDb,
    private readonly tokens: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<InvitationMailJob>(HEALTH_CHECK_MAIL_JOB.invitations, (job) => this.sendInvitations(job.data));
    this.jobs.handle<ReminderMailJob>(HEALTH_CHECK_MAIL_JOB.reminders, (job) => this.sendReminders(job.data));
  }

  async sendInvitations({ tenantId, roundId, invitationIds }: InvitationMailJob): Promise<MailRun> {
    const { round, invitees } = await this.read(tenantId, roundId, `i.id = any($2::uuid[]) and i.sent_at is null`, [invitationIds]);
    if (!invitees.length) return { sent: 0, failed: 0 };
    if (!round.open) return { sent: 0, failed: 0, skipped: 'the round has closed' };
    // Links are issued only once the server answers: a link issued and not sent is lost.
    try {
      await this.mailer.verify();
    } catch (error) {
      // Recorded on the invitations too, so the last try leaves them saying why they were not sent.
      const ids = invitees.map((i) => i.id);
      await this.db.run({ tenantId }, () =>
        this.db.query(`update survey_invitation set send_error = $2 where id = any($1::uuid[]) and sent_at is null`, [ids, mailFailure(error).message]),
      );
      throw error;
    }

    const issued = await this.db.run({ tenantId }, async () => {
      // Every unsent invitation of the batch gets a fresh link: one issued by an earlier
      // try that did not send it (failed, or its worker died) is lost with that try's memory.
      const claimed = await this.db.query<{ id: string; claim: string }>(
        `update survey_invitation i set link_issued_at = now(), send_error = null
          where i.round_id = $1 and i.id = any($2::uuid[]) and i.delivery = 'EMAIL' and i.sent_at is null
            and exists (select from survey_round s where s.id = i.round_id and s.closed_at is null and s.closes_on >= ${SURVEY_TODAY})
          returning i.id, i.link_issued_at::text as claim`,
        [roundId, invitees.map((i) => i.id)],
      );
      const mine = invitees.filter((i) => claimed.some((c) => c.id === i.id));
      const tokens = await issueSurveyTokens(
        this.db,
        { tenantId, roundId, closesOn: round.closes_on },
        mine.map((i) => ({ organisationId: i.organisation_id, sector: i.sector })),
      );
      return { claim: claimed[0]?.claim, sends: mine.map((invitee, n) => ({ invitee, link: `${this.config.healthCheck.linkBase}${tokens[n]}` })) };
    });

    const failures: MailNotSent[] = [];
    let sent = 0;
    for (const { invitee, link } of issued.sends) {
      // A later try took this invitation over (this one outlived its hold on the job): it sends it.
      if (!(await this.stillMine(tenantId, invitee.id, issued.claim!))) continue;
      try {
        await this.mailer.send({
          to: { address: invitee.email, name: invitee.full_name },
          ...this.stoppable(tenantId, invitee, invitationMail(this.facts(round, invitee), link, round.today)),
          messageKey: `health-check-invitation.${invitee.id}`,
          tenantId,
        });
      } catch (error) {
        const failure = mailFailure(error);
        failures.push(failure);
        await this.mark(tenantId, `link_issued_at = null, send_error = $3`, `link_issued_at = $2::timestamptz and sent_at is null`, [invitee.id, issued.claim, failure.message]);
        continue;
      }
      await this.mark(tenantId, `sent_at = now(), send_error = null`, `link_issued_at = $2::timestamptz and sent_at is null`, [invitee.id, issued.claim]);
      sent++;
    }
    this.failIfRetryable('invitation', failures, issued.sends.length);
    return { sent, failed: failures.length };
  }

  async sendReminders({ tenantId, roundId }: ReminderMailJob): Promise<MailRun> {
    // Sent before today: whoever got their invitation today is not reminded of it yet.
    const { round, invitees } = await this.read(
      tenantId,
      roundId,
      `i.sent_at < (${SURVEY_TODAY})::timestamp at time zone 'UTC' and i.reminded_at is null`,
      [],
    );
    if (!invitees.length) return { sent: 0, failed: 0 };
    if (!round.open) return { sent: 0, failed: 0, skipped: 'the round has closed' };
    await this.mailer.verify();

    const failures: MailNotSent[] = [];
    let sent = 0;
    for (const invitee of invitees) {
      try {
        await this.mailer.send({
          to: { address: invitee.email, name: invitee.full_name },
          ...this.stoppable(tenantId, invitee, reminderMail({ ...this.facts(round, invitee), sentOn: invitee.sent_on ?? undefined })),
          messageKey: `health-check-reminder.${invitee.id}`,
          tenantId,
        });
      } catch (error) {
        failures.push(mailFailure(error));
        continue;
      }
      await this.mark(tenantId, `reminded_at = now()`, `reminded_at is null`, [invitee.id]);
      sent++;
    }
    this.failIfRetryable('reminder', failures, invitees.length);
    return { sent, failed: failures.length };
  }

  /** The round and its emailed invitees that `where` selects ($1 the round), in one short transaction. */
  private async read(tenantId: string, roundId: string, where: string, parameters: unknown[]): Promise<{ round: RoundFacts; invitees: Invitee[] }> {
    return this.db.run({ tenantId }, async () => {
      const [round] = await this.db.query<RoundFacts>(
        `select s.title, s.opens_on::text, s.closes_on::text, s.min_group_size, l.name as locality_name, pr.name as programme_name,
                (s.closed_at is null and ${SURVEY_TODAY} <= s.closes_on) as open, (${SURVEY_TODAY})::text as today
           from survey_round s
           join locality l on l.tenant_id = s.tenant_id and l.id = s.locality_id
           left join programme pr on pr.tenant_id = s.tenant_id and pr.id = s.programme_id
          where s.id = $1`,
        [roundId],
      );
      if (!round) return { round: { open: false } as RoundFacts, invitees: [] };
      const invitees = await this.db.query<Invitee>(
        `select ${INVITEE_COLUMNS}
           from survey_invitation i ${INVITEE_JOINS}
          where i.round_id = $1 and i.delivery = 'EMAIL' and p.email is not null and p.health_check_mail_stopped_at is null and ${where}
          order by i.id`,
        [roundId, ...parameters],
      );
      return { round, invitees };
    });
  }

  /** The message with its person's unsubscribe link (body and RFC 8058 headers): it stops health-check email to them. */
  private stoppable(tenantId: string, invitee: Invitee, content: MailContent): { content: MailContent; unsubscribeUrl: string } {
    const token = this.tokens.sign({ tenantId, recipientId: invitee.person_id, kind: PERSON_MAIL_KIND, generation: 0 });
    const unsubscribeUrl = `${this.config.mail.webBase}unsubscribe/${token}`;
    const blocks: MailBlock[] = [
      ...content.blocks,
      { kind: 'paragraph', text: 'To get no more health-check emails from JoinedUp, use this link:' },
      { kind: 'link', url: unsubscribeUrl },
    ];
    return { content: { ...content, blocks }, unsubscribeUrl };
  }

  private facts(round: RoundFacts, invitee: Invitee): InvitationMailFacts {
    return {
      personName: invitee.full_name,
      organisationName: invitee.organisation_name,
      roundTitle: round.title,
      localityName: round.locality_name,
      programmeName: round.programme_name,
      opensOn: round.opens_on,
      closesOn: round.closes_on,
      minGroupSize: round.min_group_size,
      contact: invitee.contact_name && invitee.contact_email ? { name: invitee.contact_name, email: invitee.contact_email } : null,
    };
  }

  private async stillMine(tenantId: string, invitationId: string, claim: string): Promise<boolean> {
    const rows = await this.db.run({ tenantId }, () =>
      this.db.query(`select 1 from survey_invitation where id = $1 and link_issued_at = $2::timestamptz and sent_at is null`, [invitationId, claim]),
    );
    return rows.length > 0;
  }

  /** One invitation's mark, in a short transaction of its own, so a worker that dies keeps what it marked. */
  private async mark(tenantId: string, set: string, unless: string, parameters: unknown[]): Promise<void> {
    await this.db.run({ tenantId }, () => this.db.query(`update survey_invitation set ${set} where id = $1 and ${unless}`, parameters));
  }

  /** Throws (so the queue tries again, later) when a failure may pass: the server was down or said "try later". */
  private failIfRetryable(kind: string, failures: MailNotSent[], of: number): void {
    const passing = failures.filter((f) => !f.permanent);
    if (passing.length) throw new Error(`${failures.length} of ${of} ${kind} emails not accepted, to be tried again: ${passing[0].message}`);
  }
}
