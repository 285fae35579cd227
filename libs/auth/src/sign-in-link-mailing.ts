import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { DOMAIN_EVENT, onEvent } from '@joinedup/events';
import { DomainEventSubscribers } from '@joinedup/jobs';
import { MailJob, MailJobs, Mailer } from '@joinedup/mail';
import { SIGN_IN_LINK_DAYS, SIGN_IN_LINK_PATH, newSignInToken } from './sign-in-link';
import { SignInLinkMailFacts, signInLinkMail } from './sign-in-link-mail';

/** The job on the mail queue that issues and emails one sign-in link: a stored contract. */
export const SIGN_IN_LINK_MAIL_JOB = 'auth-sign-in-link';

/** The link's row: whom, never which token. */
export interface SignInLinkMailJob extends MailJob {
  linkId: string;
}

interface LinkFacts {
  user_id: string;
  email: string;
  display_name: string;
  tenant_name: string;
  tenant_slug: string;
  requester_name: string | null;
  requester_email: string | null;
}

/**
 * Sends sign-in links from the mail queue. A requested link (the API's event names its
 * row) is issued only once the SMTP server answers: in one transaction a new token's hash
 * and expiry are written and the user's older links end; then the email goes, and the row
 * is marked sent. A request older than the user's newest sends nothing (that one's job sends
 * the link that works). The token lives in this function's memory only: a try whose email
 * failed loses it, and the retry issues another for the same row.
 */
@Injectable()
export class SignInLinkMailing implements OnModuleInit {
  constructor(
    private readonly subscribers: DomainEventSubscribers,
    private readonly jobs: MailJobs,
    private readonly mailer: Mailer,
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<SignInLinkMailJob>(SIGN_IN_LINK_MAIL_JOB, (job) => this.send(job.data));
    onEvent(this.subscribers, DOMAIN_EVENT.userSignInLinkRequested, async (event) => {
      const job: SignInLinkMailJob = { tenantId: event.tenantId, linkId: event.payload.linkId };
      await this.jobs.add(SIGN_IN_LINK_MAIL_JOB, job, `sign-in-link.${event.payload.linkId}`);
    });
  }

  async send({ tenantId, linkId }: SignInLinkMailJob): Promise<{ sent: number }> {
    await this.mailer.verify();
    const issued = await this.db.run({ tenantId }, async () => {
      const [facts] = await this.db.query<LinkFacts>(
        `select l.user_id, u.email, u.display_name, t.name as tenant_name, t.slug as tenant_slug,
                r.display_name as requester_name, r.email as requester_email
           from sign_in_link l
           join app_user u on u.tenant_id = l.tenant_id and u.id = l.user_id
           join tenant t on t.id = l.tenant_id
           left join app_user r on r.tenant_id = l.tenant_id and r.id = l.requested_by_user_id
          where l.id = $1 and l.sent_at is null and l.used_at is null and u.active
            -- A newer request replaces this one: its own job sends the link that works.
            and not exists (select from sign_in_link n where n.tenant_id = l.tenant_id and n.user_id = l.user_id and n.requested_at > l.requested_at)
          for update of l`,
        [linkId],
      );
      if (!facts) return undefined;
      const { token, hash } = newSignInToken(tenantId, linkId);
      const [row] = await this.db.query<{ expires_at: Date }>(
        `update sign_in_link set token_hash = $2, issued_at = now(), expires_at = now() + make_interval(days => $3)
          where id = $1 returning expires_at`,
        [linkId, hash, SIGN_IN_LINK_DAYS],
      );
      await this.db.query(
        `update sign_in_link set expires_at = now() where user_id = $1 and id <> $2 and used_at is null and expires_at > now()`,
        [facts.user_id, linkId],
      );
      return { facts, token, hash, expiresAt: row.expires_at };
    });
    if (!issued) return { sent: 0 };

    const { facts } = issued;
    const mail: SignInLinkMailFacts = {
      displayName: facts.display_name,
      email: facts.email,
      tenantName: facts.tenant_name,
      tenantSlug: facts.tenant_slug,
      requestedBy: facts.requester_name && facts.requester_email ? { name: facts.requester_name, email: facts.requester_email } : null,
      expiresAt: issued.expiresAt,
    };
    await this.mailer.send({
      to: { address: facts.email, name: facts.display_name },
      content: signInLinkMail(mail, `${this.config.mail.webBase}${SIGN_IN_LINK_PATH}${issued.token}`),
      messageKey: `sign-in-link.${linkId}`,
      tenantId,
    });
    await this.db.run({ tenantId }, () => this.db.query(`update sign_in_link set sent_at = now() where id = $1 and token_hash = $2`, [linkId, issued.hash]));
    return { sent: 1 };
  }
}
